package dev.shuttle.internal.combinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connector;
import dev.shuttle.Connectors;
import dev.shuttle.Endpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rule is read as a target is: the same canonical form on both sides, and every spelling a
 * target could not have (numeric IPv4 forms, invisible characters, non-ASCII digits) refused at
 * construction, naming the rule.
 */
class SelectiveRuleSpellingTest {

    @ParameterizedTest(name = "rule ''{0}'' is refused")
    @ValueSource(strings = {
        // short, decimal, octal and hex spellings of 127.0.0.1
        "127.1", "127.0.1", "2130706433", "0x7f.0.0.1", "0x7f000001", "0177.0.0.1", "0177.0.0.01", "127.0.0.01",
        "0x7F.1", "017700000001", "127.0.0.1.", "0x7f.*", "0177.*", "010.*",
        // invisible and format characters, anywhere
        "127.0.0.1\u200B", "\u200B127.0.0.1", "127.0.\u00AD0.1", "127\u00AD.1", "21307\u00AD06433",
        "2130706433\u200B", "local\u200Bhost", "localhost\uFEFF", "local\u00ADhost", "localhost\u2060:80",
        "127.\u200B*", "*.inter\u200Dnal", "[::1\u200B]", "[\u200B::1]", "[fe80::1%lo\u200B]", "127.0.0.1:8\u200B0",
        "local\u0000host", "local\thost", "local\u3000host", "127.0.0.1\u2028",
        // non-ASCII digits and dots
        "\uFF11\uFF12\uFF17.0.0.1", "127.0.0.\uFF11", "\uFF11\uFF12\uFF17.*", "\u0661\u0662\u0667.0.0.1",
        "127\u30020\u30020\u30021", "127\uFF0E0\uFF0E0\uFF0E1", "[::\uFF11]", "127.0.0.1:\uFF18\uFF10"
    })
    void aRuleSpelledAsNoTargetCouldBeIsRefusedNamingIt(String rule) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Connectors.selective().route(rule, Connector.tcp()));
        assertTrue(e.getMessage().startsWith("Malformed selective rule '" + rule + "': "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Connectors.selective(List.of(Map.entry(rule, Connector.tcp()))));
    }

    @Test
    void aRuleWithAThousandCharacterInternationalLabelIsAnIllegalArgumentNamingIt() {
        String rule = "a".repeat(1_000) + "\u00FC.example";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPortRule.parse(rule));
        assertTrue(e.getMessage().startsWith("Malformed selective rule '" + rule + "': "), e.getMessage());
        String wildcard = "*." + rule;
        e = assertThrows(IllegalArgumentException.class, () -> HostPortRule.parse(wildcard));
        assertTrue(e.getMessage().startsWith("Malformed selective rule '" + wildcard + "': "), e.getMessage());
    }

    @Test
    void aNumericSpellingSaysToWriteADottedQuad() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPortRule.parse("0x7f.0.0.1:80"));
        assertTrue(e.getMessage().contains("dotted quad"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HostPortRule.parse("local\u200Bhost"));
        assertTrue(e.getMessage().contains("U+200B"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource(delimiter = '|', textBlock = """
            LOCALHOST              | tcp://localhost:80
            LocalHost.             | tcp://localhost:80
            *.EXAMPLE.COM          | tcp://www.example.com:80
            b\u00FCcher.example    | tcp://xn--bcher-kva.example:80
            B\u00DCCHER.example    | tcp://xn--bcher-kva.example:80
            xn--bcher-kva.example  | tcp://b\u00FCcher.example:80
            *.b\u00FCcher.example  | tcp://www.xn--bcher-kva.example:80
            *.B\u00DCCHER.EXAMPLE. | tcp://www.b\u00FCcher.example:80
            [::FFFF:7F00:1]        | tcp://127.0.0.1:80
            127.0.0.1              | tcp://[::ffff:127.0.0.1]:80
            127.*                  | tcp://[::ffff:7f00:1]:80
            """)
    void aRuleInUpperCaseOrInternationalMatchesTheCanonicalTarget(String rule, String uri) {
        assertTrue(HostPortRule.parse(rule).matches(Endpoint.parse(uri)), rule + " / " + uri);
    }

    @Test
    void aWildcardLabelWithNonAsciiCharactersIsRefusedSayingWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPortRule.parse("b\u00FC*.example"));
        assertEquals("Malformed selective rule 'b\u00FC*.example': the label 'b\u00FC*' mixes '*' with non-ASCII"
                + " characters; write the label's xn-- form, or '*' alone", e.getMessage());
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1   | tcp://0.0.0.0:80             | true
            127.*       | tcp://0.0.0.0:80             | true
            [::1]       | tcp://0.0.0.0:80             | true
            [::1]       | tcp://[::]:80                | true
            127.0.0.1   | tcp://[::]:80                | true
            127.*       | tcp://[::ffff:0.0.0.0]:80    | true
            [0:0:0:0:0:0:0:*] | tcp://[::]:80          | true
            0.0.0.0     | tcp://0.0.0.0:80             | true
            0.0.0.0     | tcp://127.0.0.1:80           | false
            [::]        | tcp://[::1]:80               | false
            10.*        | tcp://0.0.0.0:80             | false
            127.0.0.1:81 | tcp://0.0.0.0:80            | false
            """)
    void theUnspecifiedAddressIsMatchedAsTheLoopbackAddressesItConnectsTo(String rule, String uri, boolean matches) {
        assertEquals(matches, HostPortRule.parse(rule).matches(Endpoint.parse(uri)), rule + " / " + uri);
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10.*        | tcp://10.0.0.1:80                | true
            10.*        | tcp://[::ffff:10.0.0.1]:80       | true
            10.*        | tcp://10.attacker.example:80     | false
            127.*       | tcp://127.evil.test:80           | false
            127.0.0.*   | tcp://127.0.0.evil.test:80       | false
            *.0.0.1     | tcp://evil.0.0.1.example:80      | false
            10.*.*.1    | tcp://10.a.b.1.example:80        | false
            *.example   | tcp://10.example:80              | true
            """)
    void anAddressWildcardMatchesAddressesNeverTheTextOfAName(String rule, String uri, boolean matches) {
        // Else an allow rule such as 10.* -> direct would route a name the attacker chose.
        assertEquals(matches, HostPortRule.parse(rule).matches(Endpoint.parse(uri)), rule + " / " + uri);
    }
}
