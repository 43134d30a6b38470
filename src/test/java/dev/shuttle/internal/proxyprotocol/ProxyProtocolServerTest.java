package dev.shuttle.internal.proxyprotocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.ConnectionLimit;
import dev.shuttle.ProxyHeader;
import dev.shuttle.ProxyProtocol;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.ServerStats;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.proxy.ProxyConnectors;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Servers with the PROXY protocol option, fed by the header-sending connector and by hostile
 * clients: the original client becomes the remote address; everything else is closed and reported.
 */
@NetworkTest
class ProxyProtocolServerTest {
    private static final Endpoint CLIENT = Endpoint.parse("tcp://203.0.113.7:56324");

    private final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

    private Server listen(String uri, ProxyProtocol setting, TlsServerOptions tls) throws IOException {
        return Server.listen(uri, ServerOptions.builder().proxyProtocol(setting).tls(tls).errorHandler(errors::add).build());
    }

    private Thread serve(Server server) {
        return Thread.ofVirtual().start(() -> {
            try {
                server.serve(connection -> {
                    ProxyHeader header = connection.unwrap(ProxyHeader.class).orElseThrow();
                    Endpoint proxy = header.proxy();
                    seen.add(connection.remoteAddress() + " via " + (proxy.scheme() == dev.shuttle.Scheme.UNIX ? "unix" : proxy.host())
                            + " v" + header.version());
                    connection.output().write(connection.input().read());
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void roundTrip(Connection connection) throws IOException {
        connection.output().write('x');
        connection.output().flush();
        assertEquals('x', connection.input().read());
    }

    /** The server closed: end of stream, or a reset when it closed with bytes unread. */
    private static void assertClosedByServer(Connection connection) throws IOException {
        try {
            assertEquals(-1, connection.input().read(), "the server closed the connection");
        } catch (java.net.SocketException e) {
            assertTrue(String.valueOf(e.getMessage()).contains("reset"), e.toString());
        }
    }

    @Test
    void theOriginalClientBecomesTheRemoteAddressWithV1AndV2() throws Exception {
        try (Server server = listen("tcp://127.0.0.1:0", ProxyProtocol.trusting("127.0.0.0/8"), null)) {
            Thread serving = serve(server);
            for (int version = 1; version <= 2; version++) {
                Connector connector = ProxyConnectors.sendingProxyHeader(Connector.tcp(), version, CLIENT, TlsOptions.defaults());
                try (Connection connection = connector.connect(server.address().toString())) {
                    roundTrip(connection);
                }
                assertEquals("tcp://203.0.113.7:56324 via 127.0.0.1 v" + version, seen.poll(10, TimeUnit.SECONDS));
            }
            server.close();
            serving.join(10_000);
        }
        assertEquals(null, errors.poll());
    }

    @Test
    void aUnixSocketServerTrustsItsPeersWhenToldTo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) throws Exception {
        String uri = "unix://" + directory.resolve("proxied.sock");
        try (Server server = listen(uri, ProxyProtocol.trusting("unix"), null)) {
            Thread serving = serve(server);
            Connector connector = ProxyConnectors.sendingProxyHeader(Connector.unix(), 2, CLIENT, TlsOptions.defaults());
            try (Connection connection = connector.connect(uri)) {
                roundTrip(connection);
            } catch (AssertionError e) {
                Throwable error = errors.poll(10, TimeUnit.SECONDS);
                if (error != null) {
                    e.addSuppressed(error);
                }
                throw e;
            }
            String seenLine = seen.poll(10, TimeUnit.SECONDS);
            assertEquals("tcp://203.0.113.7:56324 via unix v2", seenLine);
            server.close();
            serving.join(10_000);
        }
    }

    @Test
    void theHeaderComesBeforeTlsOnATlsServer() throws Exception {
        TlsCertificate certificate = TlsCertificate.selfSigned("localhost", "127.0.0.1");
        TlsOptions trust = TlsOptions.builder().trustCertificates(certificate.chain()).build();
        try (Server server = listen("tls://127.0.0.1:0", ProxyProtocol.trusting("127.0.0.1"),
                TlsServerOptions.builder().certificate(certificate).build())) {
            Thread serving = serve(server);
            Connector connector = ProxyConnectors.sendingProxyHeader(Connector.tcp(), 2, CLIENT, trust);
            try (Connection connection = connector.connect(server.address().toString())) {
                roundTrip(connection);
            }
            assertEquals("tls://203.0.113.7:56324 via 127.0.0.1 v2", seen.poll(10, TimeUnit.SECONDS));
            server.close();
            serving.join(10_000);
        }
    }

    @Test
    void anUntrustedPeerIsClosedBeforeAnythingIsReadAndReported() throws Exception {
        try (Server server = listen("tcp://127.0.0.1:0", ProxyProtocol.trusting("10.0.0.0/8"), null)) {
            Thread serving = serve(server);
            Connector connector = ProxyConnectors.sendingProxyHeader(Connector.tcp(), 1);
            try (Connection connection = connector.connect(server.address().toString())) {
                connection.setReadTimeout(Duration.ofSeconds(10));
                assertClosedByServer(connection);
            }
            ConnectException e = assertInstanceOf(ConnectException.class, errors.poll(10, TimeUnit.SECONDS));
            assertTrue(e.getMessage().endsWith("refused: it is not a trusted PROXY protocol source [10.0.0.0/8]"), e.getMessage());
            server.close();
            serving.join(10_000);
        }
        assertEquals(null, seen.poll());
    }

    @Test
    void aMissingMalformedOrOversizedHeaderIsRefused() throws Exception {
        byte[][] hostile = {
            "GET / HTTP/1.1\r\nHost: example\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            "PROXY TCP4 127.1 127.0.0.1 1 2\r\n".getBytes(StandardCharsets.US_ASCII),
            ("PROXY TCP4 " + "9".repeat(300) + "\r\n").getBytes(StandardCharsets.US_ASCII),
            ProxyHeaderParserTest.v2(0x21, 0x11, new byte[12], new byte[5000]),
        };
        try (Server server = listen("tcp://127.0.0.1:0", ProxyProtocol.trusting("127.0.0.1"), null)) {
            Thread serving = serve(server);
            for (byte[] bytes : hostile) {
                try (Connection connection = Connector.tcp().connect(server.address().toString())) {
                    try {
                        connection.output().write(bytes);
                    } catch (IOException closedAlready) {
                        // the server may close before the client wrote it all
                    }
                    connection.setReadTimeout(Duration.ofSeconds(10));
                    assertClosedByServer(connection);
                }
                Throwable e = errors.poll(10, TimeUnit.SECONDS);
                assertInstanceOf(ProtocolException.class, e);
                assertTrue(e.getMessage().startsWith("Connection from tcp://127.0.0.1:"), e.getMessage());
            }
            assertEquals(4L, server.stats().clientFailures().get(ServerStats.ClientFailure.PROXY_HEADER),
                    "counted as clients' failures, not the server's");
            server.close();
            serving.join(10_000);
        }
        assertEquals(null, seen.poll());
    }

    @Test
    void aSlowHeaderTimesOutOnItsOwnShortDeadline() throws Exception {
        ProxyProtocol setting = ProxyProtocol.builder().trust("127.0.0.1").headerTimeout(Duration.ofMillis(300)).build();
        try (Server server = listen("tcp://127.0.0.1:0", setting, null)) {
            Thread serving = serve(server);
            try (Connection connection = Connector.tcp().connect(server.address().toString())) {
                connection.output().write("PROXY TCP4 ".getBytes(StandardCharsets.US_ASCII));
                connection.setReadTimeout(Duration.ofSeconds(10));
                assertEquals(-1, connection.input().read());
            }
            SocketTimeoutException e = assertInstanceOf(SocketTimeoutException.class, errors.poll(10, TimeUnit.SECONDS));
            assertTrue(e.getMessage().endsWith("sent no complete PROXY protocol header within 0.3 seconds"), e.getMessage());
            server.close();
            serving.join(10_000);
        }
    }

    @Test
    void worksUnderALimitAndWithServeWhenReadable() throws Exception {
        try (Server server = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder()
                .proxyProtocol(ProxyProtocol.trusting("127.0.0.1")).connectionLimit(ConnectionLimit.rejecting(4))
                .errorHandler(errors::add).build())) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serveWhenReadable(connection -> {
                        int b = connection.input().read();
                        if (b < 0) {
                            return false;
                        }
                        seen.add(connection.remoteAddress().toString());
                        connection.output().write(b);
                        return true;
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Connector connector = ProxyConnectors.sendingProxyHeader(Connector.tcp(), 1, CLIENT, TlsOptions.defaults());
            try (Connection connection = connector.connect(server.address().toString())) {
                roundTrip(connection);
                roundTrip(connection);
            }
            assertEquals("tcp://203.0.113.7:56324", seen.poll(10, TimeUnit.SECONDS));
            server.close();
            serving.join(10_000);
        }
    }
}
