package dev.shuttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile spellings of hosts at parse level: each row is either refused with an
 * {@link IllegalArgumentException} naming the URI and the fault, or parses to the exact canonical
 * host stated. No spelling of an address may pass as a hostname, and no invisible character may
 * vanish on the way to a connect.
 */
class HostileHostSpellingsTest {

    static Stream<Arguments> spellings() {
        return Stream.of(
            // Invisible and format characters, anywhere.
            refused("tcp://2130706433\u200B:80", "the host contains U+200B ZERO WIDTH SPACE, an invisible format character, at index 16"),
            refused("tcp://21307\u00AD06433:80", "the host contains U+00AD SOFT HYPHEN, an invisible format character, at index 11"),
            refused("tcp://127\u00AD.1:80", "U+00AD SOFT HYPHEN, an invisible format character, at index 9"),
            refused("tcp://12740.\uFEFF0.1:80", "U+FEFF ZERO WIDTH NO-BREAK SPACE, an invisible format character, at index 12"),
            refused("\u200B127.0.0.1:80", "U+200B ZERO WIDTH SPACE, an invisible format character, at index 0"),
            refused("127.0.0.1\u200B:80", "U+200B ZERO WIDTH SPACE, an invisible format character, at index 9"),
            refused("127.\u200C0.0.1:80", "U+200C ZERO WIDTH NON-JOINER, an invisible format character, at index 4"),
            refused("127\u200D.0.0.1:80", "U+200D ZERO WIDTH JOINER, an invisible format character, at index 3"),
            refused("local\u2060host:80", "U+2060 WORD JOINER, an invisible format character, at index 5"),
            refused("localhost\u00AD:80", "U+00AD SOFT HYPHEN"),
            refused("\u202Eexample.com:80", "U+202E RIGHT-TO-LEFT OVERRIDE, an invisible format character, at index 0"),
            refused("tls://exa\u00A0mple.com:443", "U+00A0 NO-BREAK SPACE, a space, at index 9"),
            refused("exa\u3000mple.com:80", "it contains whitespace at index 3"),
            refused("exa\uE000mple.com:80", "U+E000, a private-use character, at index 3"),
            refused("exa\uD800mple.com:80", "U+D800, half of a surrogate pair without its other half, at index 3"),
            refused("exa\uDC00mple.com:80", "U+DC00, half of a surrogate pair without its other half, at index 3"),
            refused("exa\u0378mple.com:80", "U+0378, an unassigned code point, at index 3"),
            refused("exa\u034Fmple.com:80", "U+034F COMBINING GRAPHEME JOINER, a character that IDN mapping deletes, at index 3"),
            refused("exa\uFE0Fmple.com:80", "U+FE0F VARIATION SELECTOR-16, a character that IDN mapping deletes, at index 3"),
            refused("exa\u180Bmple.com:80", "a character that IDN mapping deletes, at index 3"),
            refused("127.0.0\u1806.1:80", "U+1806 MONGOLIAN TODO SOFT HYPHEN, a character that IDN mapping deletes, at index 7"),
            refused("tcp://[::1\u200B]:80", "U+200B ZERO WIDTH SPACE, an invisible format character, at index 10"),
            refused("tcp://[fe80::1%25eth0\u200B]:80", "U+200B ZERO WIDTH SPACE, an invisible format character, at index 21"),
            refused("tcp://fa\u00DF.de:80", "U+00DF LATIN SMALL LETTER SHARP S, which IDNA 2003 maps to another letter"
                    + " and IDNA 2008 keeps, so the name has two readings (write its xn-- form to mean the one you want), at index 8"),
            refused("tcp://\u03C3\u03BF\u03C2.gr:80", "U+03C2 GREEK SMALL LETTER FINAL SIGMA, which IDNA 2003 maps"),
            parses("tcp://xn--fa-hia.de:80", "xn--fa-hia.de"),
            parses("tcp://fass.de:80", "fass.de"),
            // Full-width and other non-ASCII digits and dots.
            refused("\uFF11\uFF12\uFF17.\uFF10.\uFF10.\uFF11:80",
                    "spells the IPv4 address 127.0.0.1 with characters other than ASCII digits and dots; write the dotted quad 127.0.0.1"),
            refused("127\u30020\u30020\u30021:80", "spells the IPv4 address 127.0.0.1 with characters other than ASCII digits and dots"),
            refused("127\uFF0E0\uFF0E0\uFF0E1:80", "spells the IPv4 address 127.0.0.1"),
            refused("127\uFF610\uFF610\uFF611:80", "spells the IPv4 address 127.0.0.1"),
            refused("\uD835\uDFCF\uD835\uDFD0\uD835\uDFD5.0.0.1:80", "spells the IPv4 address 127.0.0.1"),
            refused("\u2460\u2461\u2466.0.0.1:80", "spells the IPv4 address 127.0.0.1"),
            refused("127.0.0.\u2488:80", "which is not allowed in a hostname"),
            refused("\uFF12\uFF11\uFF13\uFF10\uFF17\uFF10\uFF16\uFF14\uFF13\uFF13:80", "spells the IPv4 address 127.0.0.1"),
            // Decimal, octal, hexadecimal and short IPv4 forms.
            refused("tcp://2130706433:80", "'2130706433' is an IPv4 address written as one number; write the dotted quad 127.0.0.1"),
            refused("tcp://127.1:80", "'127.1' is a short IPv4 form; write the dotted quad 127.0.0.1"),
            refused("127.0.1:80", "'127.0.1' is a short IPv4 form; write the dotted quad 127.0.0.1"),
            refused("1.2.3:80", "'1.2.3' is a short IPv4 form; write the dotted quad 1.2.0.3"),
            refused("0177.0.0.1:80", "'0177.0.0.1' is not a valid IPv4 address (leading zeros are ambiguous: some read them as octal, giving 127.0.0.1)"),
            refused("0127.0.0.1:80", "leading zeros are ambiguous"),
            refused("08.0.0.1:80", "'08.0.0.1' is not a valid IPv4 address (leading zeros are ambiguous)"),
            refused("0x7f.1:80", "'0x7f.1' is a hexadecimal IPv4 form; write the dotted quad 127.0.0.1"),
            refused("0X7F.0.0.1:80", "'0X7F.0.0.1' is a hexadecimal IPv4 form; write the dotted quad 127.0.0.1"),
            refused("0x7f000001:80", "'0x7f000001' is a hexadecimal IPv4 form; write the dotted quad 127.0.0.1"),
            refused("0x:80", "'0x' is a hexadecimal IPv4 form; write the dotted quad 0.0.0.0"),
            refused("127.0.0.1.:80", "'127.0.0.1.' is an IPv4 address with a trailing dot; write the dotted quad 127.0.0.1"),
            refused("1.2.3.256:80", "'1.2.3.256' is not a valid IPv4 address (expected four numbers 0-255)"),
            refused("1.2.3.4.5:80", "'1.2.3.4.5' is not a valid IPv4 address (expected four numbers 0-255)"),
            refused("4294967296:80", "'4294967296' is not a valid IPv4 address (expected four numbers 0-255)"),
            refused("99999999999999999999999999999:80", "is not a valid IPv4 address"),
            refused("example.123:80", "'example.123' ends in a number, so it reads as an IPv4 address, but is not one"),
            refused("example.0x1f:80", "ends in a number"),
            refused("example.\uFF11\uFF12\uFF13:80", "ends in a number"),
            // IPv4-mapped and IPv4-compatible IPv6 stay IPv6; their IPv4 part is a strict dotted quad.
            parses("tcp://[::ffff:127.0.0.1]:80", "::ffff:7f00:1"),
            parses("tcp://[0:0:0:0:0:ffff:7f00:1]:80", "::ffff:7f00:1"),
            parses("tcp://[::FFFF:7F00:1]:80", "::ffff:7f00:1"),
            parses("tcp://[::127.0.0.1]:80", "::7f00:1"),
            refused("tcp://[::ffff:0177.0.0.1]:80", "an IPv4 part must be a dotted quad of numbers 0-255 without leading zeros"),
            refused("tcp://[::ffff:127.1]:80", "is not a valid IPv6 address"),
            refused("tcp://[::ffff:2130706433]:80", "is not a valid IPv6 address"),
            refused("tcp://[::ffff:\uFF11\uFF12\uFF17.0.0.1]:80", "is not a valid IPv6 address"),
            // Zone ids.
            parses("tcp://[fe80::1%251]:80", "fe80::1%1"),
            parses("tcp://[fe80::1%1]:80", "fe80::1%1"),
            parses("tcp://[::1%251]:80", "::1"),
            refused("tcp://[fe80::1%25]:80", "has an empty scope after '%'"),
            refused("tcp://[fe80::1%25no-such-nic9]:80", "this machine has no network interface of that name"),
            refused("tcp://[fe80::1%25\u0663]:80", "which is neither a number nor an interface name"),
            refused("tcp://[fe80::1%25eth0%25x]:80", "which is neither a number nor an interface name"),
            refused("tcp://[fe80::1%2599999999999]:80", "is not a valid IPv6 address"),
            // Trailing dots, case, IDN homographs of localhost.
            parses("tcp://127.0.0.1:80", "127.0.0.1"),
            parses("LOCALHOST:80", "localhost"),
            parses("LocalHost.:80", "localhost."),
            parses("localhost\u3002:80", "localhost."),
            refused("localhost..:80", "has an empty label"),
            parses("\uFF4C\uFF4F\uFF43\uFF41\uFF4C\uFF48\uFF4F\uFF53\uFF54:80", "localhost"),
            parses("l\u043Ecalhost:80", "xn--lcalhost-nbh"),
            parses("example\u3002com:80", "example.com"),
            parses("1e100.net:80", "1e100.net"),
            parses("127.0.0.1.example:80", "127.0.0.1.example"),
            parses("0x7f.example:80", "0x7f.example"),
            parses("example.0xg:80", "example.0xg"),
            // Long labels with non-ASCII characters: refused before IDN conversion, never "input too long".
            refused("tcp://" + "a".repeat(1000) + "\u00E9:80", "hostname is 1001 characters long, more than the 253 allowed"),
            refused("tcp://" + "a".repeat(100) + "\u00E9.example:80", "is 101 characters long, more than the 63 allowed"),
            refused("tcp://" + "\u00E9".repeat(64) + ":80", "is 64 characters long, more than the 63 allowed"),
            refused("tcp://" + "\u00E9".repeat(60) + ":80", "is not a valid international hostname"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("spellings")
    void eachSpellingIsRefusedOrParsesToItsCanonicalHost(String uri, String host, String fault) {
        if (host != null) {
            Endpoint endpoint = Endpoint.parse(uri);
            assertEquals(host, endpoint.host());
            assertEquals(endpoint, Endpoint.parse(endpoint.toString()));
            return;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(uri));
        assertTrue(e.getMessage().startsWith("Invalid URI '" + uri + "': "), e.getMessage());
        assertTrue(e.getMessage().contains(fault), e.getMessage());
    }

    private static Arguments refused(String uri, String fault) {
        return Arguments.of(uri, null, fault);
    }

    private static Arguments parses(String uri, String host) {
        return Arguments.of(uri, host, null);
    }
}
