package dev.shuttle.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.ServerOptions;
import dev.shuttle.dropin.ShuttleSslSocketFactory;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.PeerServer;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/**
 * The drop-in TLS socket factory over a proxy connector: a library that takes only an
 * {@code SSLSocketFactory} reaches its server through SOCKS5, the proxy resolves the name, and
 * TLS runs end to end with the server, verified for the name the library asked for.
 */
@NetworkTest
class SslSocketFactoryThroughProxyTest {
    private static final TlsCertificate APP = TlsCertificate.selfSigned("app.test");

    private static PeerServer tlsServer(TlsCertificate certificate) throws IOException {
        return PeerServer.start("tls://127.0.0.1:0",
                ServerOptions.builder().tls(TlsServerOptions.builder().certificate(certificate).build()).build(),
                PeerServer.numberedEcho());
    }

    private static SSLSocketFactory through(RelayProxy proxy) {
        return ShuttleSslSocketFactory.over(ProxyConnectors.through("socks5://127.0.0.1:" + proxy.port(), Connector.tcp()),
                TlsOptions.builder().trustCertificates(APP.chain()).build());
    }

    private static String ask(Socket socket, String line) throws IOException {
        socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] answer = socket.getInputStream().readNBytes(line.length() + 3);
        return new String(answer, StandardCharsets.UTF_8).strip();
    }

    @Test
    void tlsRunsEndToEndThroughTheTunnelForTheNameAsked() throws Exception {
        try (PeerServer target = tlsServer(APP);
                RelayProxy proxy = RelayProxy.socks(Endpoint.parse(target.uri()).port());
                SSLSocket socket = (SSLSocket) through(proxy).createSocket("app.test", 443)) {
            socket.setSoTimeout(10_000);
            assertEquals("1:via proxy", ask(socket, "via proxy"));
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
            assertEquals(List.of("app.test:443"), proxy.asked, "the name went to the proxy, never resolved here");
            assertEquals(proxy.port(), socket.getPort(), "the socket is the one to the proxy, carrying the tunnel");
        }
    }

    @Test
    void aServerTheOptionsDoNotTrustIsRefusedThroughTheTunnelToo() throws Exception {
        try (PeerServer target = tlsServer(TlsCertificate.selfSigned("app.test"));
                RelayProxy proxy = RelayProxy.socks(Endpoint.parse(target.uri()).port())) {
            try (SSLSocket socket = (SSLSocket) through(proxy).createSocket("app.test", 443)) {
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class, socket::startHandshake);
                assertTrue(e.getMessage().startsWith("TLS handshake with tls://app.test:443 failed: "), e.getMessage());
                assertTrue(socket.isClosed(), "a failed handshake closes the socket");
            }
        }
    }

    @Test
    void aLocalAddressCannotBeChosenThroughAConnector() throws Exception {
        try (PeerServer target = tlsServer(APP);
                RelayProxy proxy = RelayProxy.socks(Endpoint.parse(target.uri()).port())) {
            SocketException e = assertThrows(SocketException.class, () -> through(proxy).createSocket("app.test", 443,
                    java.net.InetAddress.getLoopbackAddress(), 0));
            assertTrue(e.getMessage().contains("cannot bind to a local address"), e.getMessage());
            assertEquals(List.of(), proxy.asked, "nothing was opened");
        }
    }

    @Test
    void refusesNulls() {
        assertThrows(NullPointerException.class, () -> ShuttleSslSocketFactory.over(null, TlsOptions.defaults()));
        assertThrows(NullPointerException.class, () -> ShuttleSslSocketFactory.over(Connector.tcp(), null));
    }
}
