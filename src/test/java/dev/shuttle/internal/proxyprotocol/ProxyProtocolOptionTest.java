package dev.shuttle.internal.proxyprotocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Endpoint;
import dev.shuttle.ProxyProtocol;
import dev.shuttle.ServerOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server option: trusted sources, their canonical forms, matching, and bad input. */
class ProxyProtocolOptionTest {

    @Test
    void trustsAddressesNetworksAndUnixPeers() {
        ProxyProtocol setting = ProxyProtocol.trusting("10.0.0.0/8", "[::1]", "FD00::/8", "unix", "192.0.2.1");
        assertEquals(List.of("10.0.0.0/8", "::1", "fd00::/8", "unix", "192.0.2.1"), setting.trustedSources());
        assertTrue(setting.trusts(Endpoint.parse("tcp://10.200.3.4:1")));
        assertTrue(setting.trusts(Endpoint.parse("tcp://[::ffff:10.0.0.1]:1")), "an IPv4-mapped peer matches as IPv4");
        assertTrue(setting.trusts(Endpoint.parse("tcp://[fd12::1]:1")));
        assertTrue(setting.trusts(Endpoint.parse("unix:///run/app.sock")));
        assertFalse(setting.trusts(Endpoint.parse("tcp://11.0.0.1:1")));
        assertFalse(setting.trusts(Endpoint.parse("tcp://192.0.2.2:1")));
        assertFalse(setting.trusts(Endpoint.parse("tcp://[fe80::1]:1")));
        assertFalse(ProxyProtocol.trusting("127.0.0.1").trusts(Endpoint.parse("unix:///run/app.sock")));
    }

    @Test
    void isAValueWithADefaultHeaderTimeoutAndIsKeptByServerOptions() {
        ProxyProtocol setting = ProxyProtocol.trusting("127.0.0.1");
        assertEquals(Duration.ofSeconds(3), setting.headerTimeout());
        assertEquals(setting, ProxyProtocol.builder().trust("127.0.0.1").build());
        assertEquals(setting.hashCode(), setting.toBuilder().build().hashCode());
        assertNotEquals(setting, setting.toBuilder().headerTimeout(Duration.ofSeconds(1)).build());
        assertEquals("ProxyProtocol[trusted=[127.0.0.1], headerTimeout=PT3S, header=required]", setting.toString());
        ServerOptions options = ServerOptions.builder().proxyProtocol(setting).build();
        assertEquals(setting, options.proxyProtocol().orElseThrow());
        assertEquals(setting, options.toBuilder().build().proxyProtocol().orElseThrow());
        assertTrue(ServerOptions.defaults().proxyProtocol().isEmpty());
    }

    @Test
    void theHeaderIsRequiredUnlessMadeOptionalWhichTakesPartInEquality() {
        ProxyProtocol required = ProxyProtocol.trusting("127.0.0.1");
        ProxyProtocol optional = required.toBuilder().headerOptional(true).build();
        assertFalse(required.headerOptional());
        assertTrue(optional.headerOptional());
        assertNotEquals(required, optional);
        assertEquals(optional, optional.toBuilder().build());
        assertEquals(optional.hashCode(), ProxyProtocol.builder().trust("127.0.0.1").headerOptional(true).build().hashCode());
        assertEquals(required, optional.toBuilder().headerOptional(false).build());
        assertEquals("ProxyProtocol[trusted=[127.0.0.1], headerTimeout=PT3S, header=optional]", optional.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.1/8|trusted PROXY protocol source '10.0.0.1/8' has bits set past its prefix; write 10.0.0.0/8",
        "10.0.0.0/33|trusted PROXY protocol source '10.0.0.0/33' has an invalid prefix length; write 0 to 32",
        "127.1|trusted PROXY protocol source '127.1' is not an IP address, a network such as 10.0.0.0/8 or fd00::/8, or 'unix'",
        "proxy.example|trusted PROXY protocol source 'proxy.example' is not an IP address, a network such as 10.0.0.0/8 or fd00::/8, or 'unix'",
        "fe80::1%eth0|trusted PROXY protocol source 'fe80::1%eth0' is not an IP address, a network such as 10.0.0.0/8 or fd00::/8, or 'unix'",
    })
    void badSourcesAreRefusedByName(String source, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProxyProtocol.trusting(source));
        assertEquals(message, e.getMessage());
    }

    @Test
    void anEmptyListOrABadTimeoutIsRefused() {
        assertThrows(IllegalArgumentException.class, ProxyProtocol::trusting);
        assertThrows(IllegalArgumentException.class, () -> ProxyProtocol.builder().headerTimeout(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> ProxyProtocol.trusting("127.0.0.1", null));
    }
}
