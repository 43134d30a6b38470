package dev.shuttle.internal.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ResolverOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The documented defaults, and a message naming the option and value for every bad one. */
class ResolverOptionsTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        ResolverOptions options = ResolverOptions.defaults();
        assertEquals(List.of(), options.nameservers());
        assertEquals(Duration.ofSeconds(5), options.timeout());
        assertEquals(10_000, options.cacheSize());
        assertEquals(Duration.ofSeconds(30), options.negativeTtl());
        assertEquals(Duration.ofDays(1), options.maxTtl());
        assertTrue(options.useHostsFile());
        assertEquals(Optional.empty(), options.hostsFile());
        assertEquals(Optional.empty(), options.searchDomains());
        assertEquals(OptionalInt.empty(), options.ndots());
    }

    @Test
    void toBuilderKeepsEveryOption() {
        ResolverOptions options = ResolverOptions.builder()
                .nameservers(List.of("127.0.0.1:5353", "[::1]:53"))
                .timeout(Duration.ofMillis(300))
                .cacheSize(5)
                .negativeTtl(Duration.ofSeconds(2))
                .maxTtl(Duration.ofMinutes(5))
                .useHostsFile(false)
                .hostsFile(Path.of("/tmp/hosts"))
                .searchDomains(List.of("Corp.Example.", "example.com"))
                .ndots(2)
                .build();

        assertEquals(options, options.toBuilder().build());
        assertEquals(options.hashCode(), options.toBuilder().build().hashCode());
        assertEquals(Optional.of(List.of("corp.example", "example.com")), options.searchDomains());
        assertEquals(OptionalInt.of(2), options.ndots());
        assertTrue(options.toString().contains("nameservers=[127.0.0.1:5353, [::1]:53]"), options.toString());
    }

    @Test
    void anEmptySearchListTurnsSearchingOff() {
        assertEquals(Optional.of(List.of()), ResolverOptions.builder().searchDomains(List.of()).build().searchDomains());
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                bad(b -> b.nameservers(List.of("dns.google")), "nameserver 'dns.google' is not valid: a nameserver must be an IP address"),
                bad(b -> b.nameservers(List.of("8.8.8.8:0")), "nameserver '8.8.8.8:0' is not valid: the port 0 is outside 1-65535"),
                bad(b -> b.nameservers(List.of("8.8.8.8:99999")), "nameserver '8.8.8.8:99999' is not valid: the port 99999 is outside 1-65535"),
                bad(b -> b.nameservers(List.of("8.8.8.8:dns")), "nameserver '8.8.8.8:dns' is not valid: the port 'dns' is not a number"),
                bad(b -> b.nameservers(List.of("[::1")), "nameserver '[::1' is not valid: '[' without a closing ']'"),
                bad(b -> b.nameservers(List.of("[127.0.0.1]:53")), "nameserver '[127.0.0.1]:53' is not valid: brackets are for IPv6 addresses only"),
                bad(b -> b.nameservers(List.of("1.2.3")), "nameserver '1.2.3' is not valid: '1.2.3' is a short IPv4 form; write the dotted quad 1.2.0.3"),
                bad(b -> b.timeout(Duration.ZERO), "timeout must be positive, not PT0S"),
                bad(b -> b.timeout(Duration.ofMillis(-1)), "timeout must be positive, not PT-0.001S"),
                bad(b -> b.cacheSize(0), "cacheSize must be at least 1, not 0"),
                bad(b -> b.negativeTtl(Duration.ofSeconds(-1)), "negativeTtl must be zero (off) or positive, not PT-1S"),
                bad(b -> b.maxTtl(Duration.ofSeconds(-1)), "maxTtl must be zero (no caching) or positive, not PT-1S"),
                bad(b -> b.ndots(16), "ndots must be between 0 and 15, not 16"),
                bad(b -> b.ndots(-1), "ndots must be between 0 and 15, not -1"),
                bad(b -> b.searchDomains(List.of("bad domain")), "searchDomains: 'bad domain' is not valid: "),
                bad(b -> b.searchDomains(List.of("10.0.0.1")), "searchDomains: '10.0.0.1' is an IP address, not a domain"));
    }

    private static Arguments bad(UnaryOperator<ResolverOptions.Builder> change, String message) {
        return Arguments.of(change, message);
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void buildNamesTheBadOptionAndItsValue(UnaryOperator<ResolverOptions.Builder> change, String message) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> change.apply(ResolverOptions.builder()).build());
        assertTrue(refused.getMessage().startsWith(message), refused.getMessage());
    }

    @Test
    void nullsAreRefusedNamingTheOption() {
        ResolverOptions.Builder builder = ResolverOptions.builder();
        assertEquals("timeout", assertThrows(NullPointerException.class, () -> builder.timeout(null)).getMessage());
        assertEquals("nameservers", assertThrows(NullPointerException.class, () -> builder.nameservers(null)).getMessage());
        assertEquals("negativeTtl", assertThrows(NullPointerException.class, () -> builder.negativeTtl(null)).getMessage());
    }
}
