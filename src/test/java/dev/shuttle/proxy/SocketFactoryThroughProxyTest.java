package dev.shuttle.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Connectors;
import dev.shuttle.Endpoint;
import dev.shuttle.ServerOptions;
import dev.shuttle.dropin.ShuttleSocketFactory;
import dev.shuttle.dropin.ShuttleSslSocketFactory;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.PeerServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/**
 * The drop-in socket factory built over a proxy connector: a library's plain sockets are tunnelled
 * through SOCKS5 or HTTP CONNECT, target names go to the proxy, a server's first words arriving
 * with the proxy's answer are not lost, and what the factory cannot do through a connector
 * (binding a local address) is refused before anything is opened.
 */
@NetworkTest
class SocketFactoryThroughProxyTest {
    private static final TlsCertificate HTTPS_PROXY = TlsCertificate.selfSigned("127.0.0.1");

    /** Sends a line through a socket and reads the one-line answer. */
    private static String ask(Socket socket, String line) throws IOException {
        socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        return readLine(socket.getInputStream());
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new java.io.EOFException("closed after '" + answer + "'");
            }
            answer.append((char) b);
        }
        return answer.toString();
    }

    @Test
    void everyFactoryMethodTunnelsThroughSocks5AndTheProxyResolvesNames() throws Exception {
        try (PeerServer target = PeerServer.start("tcp://127.0.0.1:0", PeerServer.numberedEcho());
                RelayProxy proxy = RelayProxy.socks(Endpoint.parse(target.uri()).port())) {
            SocketFactory factory = ShuttleSocketFactory.over(
                    ProxyConnectors.through("socks5://127.0.0.1:" + proxy.port(), Connector.tcp()));
            try (Socket socket = factory.createSocket("db.internal.test", 5432)) {
                assertEquals("1:a", ask(socket, "a"));
                assertEquals(proxy.port(), socket.getPort(), "the TCP peer is the proxy");
            }
            try (Socket socket = factory.createSocket(InetAddress.getByName("192.0.2.10"), 6379)) {
                assertEquals("2:b", ask(socket, "b"));
            }
            try (Socket socket = factory.createSocket()) {
                socket.setSoTimeout(10_000);
                socket.connect(InetSocketAddress.createUnresolved("cache.internal.test", 11211), 10_000);
                assertEquals("3:c", ask(socket, "c"));
            }
            try (Socket socket = factory.createSocket("mail.internal.test", 25, null, 0)) {
                assertEquals("4:d", ask(socket, "d"));
            }
            assertEquals(List.of("db.internal.test:5432", "192.0.2.10:6379", "cache.internal.test:11211",
                    "mail.internal.test:25"), proxy.asked, "names sent to the proxy, never resolved here");
        }
    }

    @Test
    void aServerThatSpeaksFirstIsHeardThroughHttpConnect() throws Exception {
        try (PeerServer target = PeerServer.start("tcp://127.0.0.1:0", connection -> {
                    connection.output().write("220 ready\n".getBytes(StandardCharsets.US_ASCII));
                    connection.output().flush();
                    PeerServer.numberedEcho().handle(connection);
                });
                RelayProxy proxy = RelayProxy.http("tcp://127.0.0.1:0", ServerOptions.defaults(),
                        Endpoint.parse(target.uri()).port())) {
            SocketFactory factory = ShuttleSocketFactory.over(
                    ProxyConnectors.through("http://127.0.0.1:" + proxy.port(), Connector.tcp()));
            try (Socket socket = factory.createSocket("smtp.internal.test", 25)) {
                socket.setSoTimeout(10_000);
                assertEquals("220 ready", readLine(socket.getInputStream()), "nothing after the proxy's answer was lost");
                assertEquals("1:helo", ask(socket, "helo"));
            }
            assertEquals(List.of("smtp.internal.test:25"), proxy.asked);
        }
    }

    @Test
    void tlsLayeredOverAProxiedSocketRunsEndToEnd() throws Exception {
        TlsCertificate certificate = TlsCertificate.selfSigned("localhost");
        try (PeerServer target = PeerServer.start("tls://127.0.0.1:0",
                        ServerOptions.builder().tls(TlsServerOptions.builder().certificate(certificate).build()).build(),
                        PeerServer.numberedEcho());
                RelayProxy proxy = RelayProxy.socks(Endpoint.parse(target.uri()).port())) {
            SocketFactory factory = ShuttleSocketFactory.over(
                    ProxyConnectors.through("socks5://127.0.0.1:" + proxy.port(), Connector.tcp()));
            SSLSocketFactory tls = ShuttleSslSocketFactory.create(TlsOptions.builder().trustCertificates(certificate.chain()).build());
            try (Socket plain = factory.createSocket("localhost", 443);
                    Socket secured = tls.createSocket(plain, "localhost", 443, true)) {
                secured.setSoTimeout(10_000);
                assertEquals("1:over tls", ask(secured, "over tls"));
            }
            assertEquals(List.of("localhost:443"), proxy.asked);
        }
    }

    @Test
    void selectiveRoutesSendSomeHostsThroughTheProxyAndTheRestDirect() throws Exception {
        try (PeerServer target = PeerServer.start("tcp://127.0.0.1:0", PeerServer.numberedEcho());
                RelayProxy proxy = RelayProxy.socks(Endpoint.parse(target.uri()).port())) {
            SocketFactory factory = ShuttleSocketFactory.over(Connectors.selective()
                    .route("*.test", ProxyConnectors.through("socks5://127.0.0.1:" + proxy.port(), Connector.tcp()))
                    .route("*", Connector.create())
                    .build());
            try (Socket proxied = factory.createSocket("app.test", 80)) {
                assertEquals("1:x", ask(proxied, "x"));
                assertEquals(proxy.port(), proxied.getPort());
            }
            try (Socket direct = factory.createSocket("127.0.0.1", Endpoint.parse(target.uri()).port())) {
                assertEquals("2:y", ask(direct, "y"));
                assertEquals(Endpoint.parse(target.uri()).port(), direct.getPort());
            }
            assertEquals(List.of("app.test:80"), proxy.asked);
        }
    }

    @Test
    void theCallersTimeoutBoundsATunnelThatNeverOpens() throws Exception {
        try (ScriptedProxy silent = ScriptedProxy.start((in, out, socket) -> in.readNBytes(3))) {
            SocketFactory factory = ShuttleSocketFactory.over(
                    ProxyConnectors.through("socks5://" + silent.address(), Connector.tcp()));
            try (Socket socket = factory.createSocket()) {
                long start = System.nanoTime();
                SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                        () -> socket.connect(InetSocketAddress.createUnresolved("app.test", 80), 300));
                assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0, e.toString());
            }
            assertTrue(silent.finish(), "the connection to the proxy was closed");
        }
    }

    @Test
    void aLocalAddressCannotBeChosenThroughAConnectorAndNothingIsOpened() throws Exception {
        try (ScriptedProxy unused = ScriptedProxy.start((in, out, socket) -> { })) {
            ShuttleSocketFactory factory = ShuttleSocketFactory.over(
                    ProxyConnectors.through("socks5://" + unused.address(), Connector.tcp()));
            SocketException e = assertThrows(SocketException.class,
                    () -> factory.createSocket("app.test", 80, InetAddress.getLoopbackAddress(), 0));
            assertTrue(e.getMessage().contains("cannot bind"), e.getMessage());
            try (Socket socket = factory.createSocket()) {
                assertInstanceOf(SocketException.class, assertThrows(IOException.class,
                        () -> socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))));
            }
        }
    }

    @Test
    void aTunnelInsideTlsToAnHttpsProxyCarriesTheSocketToo() throws Exception {
        try (PeerServer target = PeerServer.start("tcp://127.0.0.1:0", PeerServer.numberedEcho());
                RelayProxy proxy = httpsProxy(target)) {
            SocketFactory factory = ShuttleSocketFactory.over(throughHttps(proxy));
            try (Socket socket = factory.createSocket("app.test", 80)) {
                socket.setSoTimeout(10_000);
                socket.setTcpNoDelay(true);
                assertEquals(10_000, socket.getSoTimeout());
                assertTrue(socket.getTcpNoDelay(), "options go to the TCP socket to the proxy");
                assertEquals(proxy.port(), socket.getPort(), "the socket's peer is the proxy, as for any tunnel");
                assertEquals("1:inside tls", ask(socket, "inside tls"));
                assertEquals("1:again", ask(socket, "again"));
                assertThrows(SocketException.class, () -> socket.sendUrgentData(1), "a byte outside TLS would break it");
                assertEquals(null, socket.getChannel());
            }
            assertEquals(List.of("app.test:80"), proxy.asked);
        }
    }

    @Test
    void aConnectionCarriedByNoTcpSocketFailsTheConnectClearlyAndIsClosed() {
        dev.shuttle.testing.FakeConnection unix = new dev.shuttle.testing.FakeConnection("unix:///run/app.sock");
        Connector toUnix = new Connector() {
            @Override
            public dev.shuttle.Connection connect(Endpoint endpoint) {
                return unix;
            }

            @Override
            public String toString() {
                return "a connector to a Unix socket";
            }
        };
        SocketException e = assertThrows(SocketException.class, () -> ShuttleSocketFactory.over(toUnix).createSocket("app.test", 80));
        assertTrue(e.getMessage().startsWith("The connection to tcp://app.test:80 through a connector to a Unix socket is not a TCP"
                + " socket, nor a tunnel carried by one"), e.getMessage());
        assertTrue(!unix.isOpen(), "the connection that cannot be used is closed");
    }

    @Test
    void tlsToTheTargetRunsInsideTheTlsToAnHttpsProxy() throws Exception {
        TlsCertificate targetCertificate = TlsCertificate.selfSigned("app.test");
        try (PeerServer target = PeerServer.start("tls://127.0.0.1:0",
                        ServerOptions.builder().tls(TlsServerOptions.builder().certificate(targetCertificate).build()).build(),
                        PeerServer.numberedEcho());
                RelayProxy proxy = httpsProxy(target)) {
            SSLSocketFactory factory = ShuttleSslSocketFactory.over(throughHttps(proxy),
                    TlsOptions.builder().trustCertificates(targetCertificate.chain()).build());
            try (Socket socket = factory.createSocket("app.test", 443)) {
                socket.setSoTimeout(10_000);
                assertEquals("1:tls in tls", ask(socket, "tls in tls"));
            }
            assertEquals(List.of("app.test:443"), proxy.asked);
        }
    }

    @Test
    void aTunnelTheHttpsProxyCutsEndsTheSocketsReadsAndLeavesNothingOpen() throws Exception {
        try (PeerServer target = PeerServer.start("tcp://127.0.0.1:0", PeerServer.numberedEcho());
                RelayProxy proxy = httpsProxy(target);
                Socket socket = ShuttleSocketFactory.over(throughHttps(proxy)).createSocket("app.test", 80)) {
            socket.setSoTimeout(10_000);
            assertEquals("1:before", ask(socket, "before"));
            target.close(); // the target goes: the proxy ends the tunnel inside its TLS
            IOException e = assertThrows(IOException.class, () -> ask(socket, "after"));
            assertTrue(!(e instanceof SocketTimeoutException), "the end is seen, not waited out: " + e);
            socket.close();
            assertTrue(socket.isClosed());
        }
    }

    /** An HTTP CONNECT proxy reached over TLS (its certificate trusted by {@link #throughHttps}), relaying to the target. */
    private static RelayProxy httpsProxy(PeerServer target) throws IOException {
        return RelayProxy.http("tls://127.0.0.1:0",
                ServerOptions.builder().tls(TlsServerOptions.builder().certificate(HTTPS_PROXY).build()).build(),
                Endpoint.parse(target.uri()).port());
    }

    /** {@return a connector through the https:// proxy, trusting its certificate} */
    private static Connector throughHttps(RelayProxy proxy) {
        Connector toProxy = Connector.create(ConnectorOptions.builder()
                .tls(TlsOptions.builder().trustCertificates(HTTPS_PROXY.chain()).build()).build());
        return ProxyConnectors.through("https://127.0.0.1:" + proxy.port(), toProxy);
    }

    @Test
    void aConnectorRegisteredUnderANameServesLibrariesThatNameTheFactoryClass() throws Exception {
        try (PeerServer target = PeerServer.start("tcp://127.0.0.1:0", PeerServer.numberedEcho());
                RelayProxy proxy = RelayProxy.socks(Endpoint.parse(target.uri()).port())) {
            ShuttleSocketFactory.register("through-relay", ProxyConnectors.through("socks5://127.0.0.1:" + proxy.port(),
                    Connector.tcp()));
            ShuttleSocketFactory byClassName = new ShuttleSocketFactory("through-relay");
            try (Socket socket = byClassName.createSocket("db.internal.test", 5432)) {
                assertEquals("1:q", ask(socket, "q"));
            }
            assertEquals(List.of("db.internal.test:5432"), proxy.asked);
            assertTrue(byClassName.toString().startsWith("ShuttleSocketFactory[over "), byClassName.toString());
            IllegalArgumentException ssl = assertThrows(IllegalArgumentException.class,
                    () -> new ShuttleSslSocketFactory("through-relay"));
            assertEquals("A connector, not connector options, is registered under the name 'through-relay': only"
                    + " ShuttleSocketFactory can use it; register ConnectorOptions under another name for"
                    + " ShuttleSslSocketFactory", ssl.getMessage());
            ShuttleSocketFactory.register("through-relay", dev.shuttle.ConnectorOptions.defaults());
            assertEquals("ShuttleSocketFactory[PT10S connect timeout]", new ShuttleSocketFactory("through-relay").toString(),
                    "registering options replaces the connector");
        }
    }

    @Test
    void refusesANullConnector() {
        assertThrows(NullPointerException.class, () -> ShuttleSocketFactory.over(null));
        assertThrows(NullPointerException.class, () -> ShuttleSocketFactory.register("x", (Connector) null));
        assertThrows(IllegalArgumentException.class, () -> ShuttleSocketFactory.register(" ", Connector.tcp()));
    }
}
