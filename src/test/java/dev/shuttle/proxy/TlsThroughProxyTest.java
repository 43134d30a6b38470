package dev.shuttle.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Endpoint;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.PeerServer;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/**
 * {@code tls://} targets through a proxy: TLS runs end to end over the tunnel, with SNI and
 * verification for the target's name, never the proxy's; through a proxy reached over TLS too.
 */
@NetworkTest
class TlsThroughProxyTest {
    private static final TlsCertificate TARGET = TlsCertificate.selfSigned("app.test");
    private static final TlsCertificate PROXY = TlsCertificate.selfSigned("proxy.test", "127.0.0.1");
    private static final TlsOptions TRUST_TARGET = TlsOptions.builder().trustCertificates(TARGET.chain()).build();

    private static PeerServer tlsEcho() throws Exception {
        return PeerServer.start("tls://127.0.0.1:0",
                ServerOptions.builder().tls(TlsServerOptions.builder().certificate(TARGET).build()).build(),
                PeerServer.numberedEcho());
    }

    @Test
    void aTlsTargetThroughSocksIsVerifiedForItsOwnNameWhichOnlyTheProxyResolves() throws Exception {
        try (PeerServer target = tlsEcho(); RelayProxy proxy = RelayProxy.socks(Endpoint.parse(target.uri()).port())) {
            Connector connector = ProxyConnectors.through("socks5://127.0.0.1:" + proxy.port(), Connector.tcp(),
                    ProxyOptions.builder().tls(TRUST_TARGET).build());
            try (Connection connection = connector.connect("tls://app.test:443")) {
                assertEquals("1:hello", PeerServer.ask(connection, "hello"));
                assertEquals("tls://app.test:443", connection.remoteAddress().toString());
                assertTrue(connection.unwrap(SSLSession.class).isPresent());
            }
            assertEquals(List.of("app.test:443"), proxy.asked);
        }
    }

    @Test
    void aCertificateForAnotherNameFailsTheHandshakeAndClosesTheTunnel() throws Exception {
        try (PeerServer target = tlsEcho(); RelayProxy proxy = RelayProxy.socks(Endpoint.parse(target.uri()).port())) {
            Connector connector = ProxyConnectors.through("socks5://127.0.0.1:" + proxy.port(), Connector.tcp(),
                    ProxyOptions.builder().tls(TRUST_TARGET).build());
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> connector.connect("tls://other.test:443"));
            assertTrue(e.getMessage().contains("other.test"), e.getMessage());
        }
    }

    @Test
    void aTlsTargetThroughAnHttpsProxyRunsTlsInsideTls() throws Exception {
        try (PeerServer target = tlsEcho();
                RelayProxy proxy = RelayProxy.http("tls://127.0.0.1:0",
                        ServerOptions.builder().tls(TlsServerOptions.builder().certificate(PROXY).build()).build(),
                        Endpoint.parse(target.uri()).port())) {
            Connector toProxy = Connector.create(ConnectorOptions.builder()
                    .tls(TlsOptions.builder().trustCertificates(PROXY.chain()).build()).build());
            Connector connector = ProxyConnectors.through("https://127.0.0.1:" + proxy.port(), toProxy,
                    ProxyOptions.builder().tls(TRUST_TARGET).build());
            try (Connection connection = connector.connect("tls://app.test:8443")) {
                assertEquals("1:inner", PeerServer.ask(connection, "inner"));
            }
            try (Connection plain = connector.connect("tcp://app.test:7")) {
                assertEquals("tcp://app.test:7", plain.remoteAddress().toString());
            }
            assertEquals(List.of("app.test:8443", "app.test:7"), proxy.asked);
        }
    }
}
