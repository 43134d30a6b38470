package dev.shuttle.internal.combinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HostGlobTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
        "*.example.com,      a.example.com,        true",
        "*.example.com,      a.b.example.com,      true",
        "*.example.com,      example.com,          false",
        "*.example.com,      aexample.com,         false",
        "db-*.internal,      db-1.internal,        true",
        "db-*.internal,      db-.internal,         true",
        "db-*.internal,      db.internal,          false",
        "*,                  anything,             true",
        "a*a,                a,                    false",
        "a*a,                aa,                   true",
        "a*b*a,              aba,                  true",
        "a*b*a,              ab,                   false",
        "*ab*ab,             xabyab,               true",
        "*ab*ab,             xab,                  false",
        "**.com,             x.com,                true",
        "10.*.1,             10.0.0.1,             true",
        "10.*.1,             10.1,                 false",
        "plain.example,      plain.example,        true",
        "plain.example,      plain.example.org,    false",
    })
    void matchesAsAShellWildcardWhereStarIsAnyRun(String pattern, String host, boolean expected) {
        assertEquals(expected, new HostGlob(pattern).matches(host));
    }

    @Test
    void manyWildcardsAgainstALongHostTakeLinearTime() {
        // A regular expression of .* pieces backtracked for tens of seconds on these.
        String host = "a.".repeat(125) + "b";
        String deep = "*.*.*.*.*.*.internal";
        String alternating = "*a".repeat(60) + "*b*c";
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 1_000; i++) {
                assertFalse(new HostGlob(deep).matches(host));
                assertFalse(new HostGlob(alternating).matches(host));
            }
        });
    }
}
