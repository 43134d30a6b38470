package dev.shuttle.internal.uri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link HostNames} alone, as selective rules, nameservers and certificate names use it: only
 * {@link IllegalArgumentException}, indexes counted in the host, and {@link HostNames#literal}
 * never taking an IPv4 spelling for a hostname.
 */
class HostNamesTest {

    @Test
    void indexesCountFromTheStartOfTheHostUnlessABaseIsGiven() {
        IllegalArgumentException alone = assertThrows(IllegalArgumentException.class,
                () -> HostNames.normalise("127\u00AD.1"));
        assertEquals("the host contains U+00AD SOFT HYPHEN, an invisible format character, at index 3", alone.getMessage());
        IllegalArgumentException inText = assertThrows(IllegalArgumentException.class,
                () -> HostNames.normalise("127\u00AD.1", 6));
        assertEquals("the host contains U+00AD SOFT HYPHEN, an invisible format character, at index 9", inText.getMessage());
    }

    @Test
    void aLabelTooLongForIdnIsAnIllegalArgumentExceptionNotARuntimeException() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostNames.normalise("a".repeat(1000) + "\u00E9"));
        assertEquals(IllegalArgumentException.class, e.getClass());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.1", "2130706433", "0x7f.1", "0177.0.0.1", "127.0.0.1.", "example.123", "1.2.3.4.5"})
    void literalRefusesNonCanonicalIpv4SpellingsInsteadOfCallingThemHostnames(String host) {
        assertThrows(IllegalArgumentException.class, () -> HostNames.literal(host));
    }

    @Test
    void literalGivesAddressesForCanonicalLiteralsAndNullForNames() throws Exception {
        assertEquals(InetAddress.getByName("127.0.0.1"), HostNames.literal("127.0.0.1"));
        assertEquals(InetAddress.getByName("::1"), HostNames.literal("::1"));
        assertNull(HostNames.literal("localhost"));
        assertNull(HostNames.literal("example.com."));
        assertNull(HostNames.literal("1e100.net"));
    }

    @Test
    void dotVariantsSeparateLabelsLikeADot() {
        assertEquals("example.com", HostNames.normalise("example\u3002com"));
        assertEquals("example.com", HostNames.normalise("example\uFF0Ecom"));
        assertEquals("example.com.", HostNames.normalise("example\uFF61com\uFF61"));
    }
}
