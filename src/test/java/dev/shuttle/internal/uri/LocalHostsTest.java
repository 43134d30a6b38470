package dev.shuttle.internal.uri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Endpoint;
import dev.shuttle.Server;
import dev.shuttle.udp.UdpServer;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One meaning of {@code localhost} (RFC 6761) for resolvers, UDP and servers alike. */
class LocalHostsTest {
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost.", "LocalHost", "app.localhost", "a.b.localhost."})
    void localhostAndNamesUnderItAreLocal(String name) {
        assertTrue(LocalHosts.isLocalhost(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost.example", "notlocalhost", "localhostx", "example.com", "127.0.0.1", "::1"})
    void otherNamesAreNot(String name) {
        assertFalse(LocalHosts.isLocalhost(name), name);
    }

    @Test
    void aServerBindsANameUnderLocalhostToLoopbackOverTcpAndUdp() throws Exception {
        try (Server tcp = Server.listen("tcp://app.localhost:0")) {
            assertTrue(InetAddress.getByName(tcp.address().host()).isLoopbackAddress(), tcp.address().toString());
        }
        try (UdpServer udp = UdpServer.listen("udp://app.localhost:0")) {
            assertTrue(InetAddress.getByName(udp.address().host()).isLoopbackAddress(), udp.address().toString());
        }
    }

    @Test
    void anyOtherHostnameIsRefusedForListeningNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalHosts.bindAddress(Endpoint.parseListening("tcp://example.com:80")));
        assertEquals("Cannot listen on tcp://example.com:80: 'example.com' is a hostname; listen on an IP address "
                + "(0.0.0.0, [::], 127.0.0.1) or localhost", e.getMessage());
    }
}
