package dev.shuttle.internal.proxyprotocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Endpoint;
import dev.shuttle.ProxyHeader;
import dev.shuttle.ProxyProtocol;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.proxy.ProxyConnectors;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server whose PROXY header is optional for trusted sources: a header is read, its absence lets
 * the client's own bytes through intact (TLS included), a client that speaks one byte is answered
 * at once, an ambiguous silence ends at the header deadline, and untrusted peers are refused.
 */
@NetworkTest
class OptionalProxyHeaderServerTest {
    private static final Endpoint CLIENT = Endpoint.parse("tcp://203.0.113.7:56324");

    private final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

    private static ProxyProtocol optional(String trusted, Duration headerTimeout) {
        return ProxyProtocol.builder().trust(trusted).headerOptional(true).headerTimeout(headerTimeout).build();
    }

    private Server listen(String uri, ProxyProtocol setting, TlsServerOptions tls) throws IOException {
        return Server.listen(uri, ServerOptions.builder().proxyProtocol(setting).tls(tls).errorHandler(errors::add).build());
    }

    /** Serves an echo that first records who the client is and whether a header came. */
    private Thread serve(Server server) {
        return Thread.ofVirtual().start(() -> {
            try {
                server.serve(connection -> {
                    seen.add(connection.remoteAddress() + " "
                            + connection.unwrap(ProxyHeader.class).map(h -> "v" + h.version()).orElse("no header"));
                    byte[] buffer = new byte[1024];
                    for (int n; (n = connection.input().read(buffer)) >= 0; ) {
                        connection.output().write(buffer, 0, n);
                        connection.output().flush();
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static byte[] echoed(Connection connection, byte[] sent) throws IOException {
        connection.setReadTimeout(Duration.ofSeconds(10));
        connection.output().write(sent);
        connection.output().flush();
        connection.shutdownOutput();
        return connection.input().readAllBytes();
    }

    @Test
    void aTrustedSourceMaySendAHeaderOrNot() throws Exception {
        byte[][] payloads = {
            "GET / HTTP/1.1\r\nHost: example\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            "PROPFIND /dav HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            "\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII),
            "PR".getBytes(StandardCharsets.US_ASCII),
            {'Q'},
            {},
        };
        try (Server server = listen("tcp://127.0.0.1:0", optional("127.0.0.1", Duration.ofSeconds(30)), null)) {
            Thread serving = serve(server);
            for (int version = 1; version <= 2; version++) {
                Connector connector = ProxyConnectors.sendingProxyHeader(Connector.tcp(), version, CLIENT, TlsOptions.defaults());
                try (Connection connection = connector.connect(server.address().toString())) {
                    assertArrayEquals(new byte[] {'x'}, echoed(connection, new byte[] {'x'}));
                }
                assertEquals("tcp://203.0.113.7:56324 v" + version, seen.poll(10, TimeUnit.SECONDS));
            }
            for (byte[] payload : payloads) {
                try (Connection connection = Connector.tcp().connect(server.address().toString())) {
                    assertArrayEquals(payload, echoed(connection, payload), new String(payload, StandardCharsets.US_ASCII));
                    String who = seen.poll(10, TimeUnit.SECONDS);
                    assertEquals(connection.localAddress().toString() + " no header", who);
                }
            }
            server.close();
            serving.join(10_000);
        }
        assertNull(errors.poll());
    }

    @Test
    void aClientThatSendsOneByteAndWaitsIsAnsweredAtOnce() throws Exception {
        // The header timeout is far longer than the client waits: waiting for more bytes would fail.
        try (Server server = listen("tcp://127.0.0.1:0", optional("127.0.0.1", Duration.ofMinutes(5)), null)) {
            Thread serving = serve(server);
            for (byte first : new byte[] {'G', 0x16, '\n'}) {
                try (Connection connection = Connector.tcp().connect(server.address().toString())) {
                    connection.setReadTimeout(Duration.ofSeconds(10));
                    connection.output().write(first);
                    connection.output().flush();
                    assertEquals(first & 0xFF, connection.input().read());
                    connection.output().write("ET".getBytes(StandardCharsets.US_ASCII));
                    connection.output().flush();
                    assertArrayEquals("ET".getBytes(StandardCharsets.US_ASCII), connection.input().readNBytes(2));
                }
                assertTrue(seen.poll(10, TimeUnit.SECONDS).endsWith(" no header"));
            }
            server.close();
            serving.join(10_000);
        }
        assertNull(errors.poll());
    }

    @Test
    void aClientSilentAfterTheStartOfASignatureIsClosedAtTheHeaderDeadline() throws Exception {
        try (Server server = listen("tcp://127.0.0.1:0", optional("127.0.0.1", Duration.ofMillis(300)), null)) {
            Thread serving = serve(server);
            for (String start : new String[] {"P", "PROX", ""}) {
                try (Connection connection = Connector.tcp().connect(server.address().toString())) {
                    connection.output().write(start.getBytes(StandardCharsets.US_ASCII));
                    connection.output().flush();
                    connection.setReadTimeout(Duration.ofSeconds(10));
                    assertEquals(-1, connection.input().read(), "closed by the server, not left hanging");
                }
                SocketTimeoutException e = assertInstanceOf(SocketTimeoutException.class, errors.poll(10, TimeUnit.SECONDS));
                assertTrue(e.getMessage().endsWith("within 0.3 seconds"), e.getMessage());
            }
            server.close();
            serving.join(10_000);
        }
        assertNull(seen.poll());
    }

    @Test
    void anUntrustedPeerIsRefusedWithOrWithoutAHeader() throws Exception {
        try (Server server = listen("tcp://127.0.0.1:0", optional("10.0.0.0/8", Duration.ofSeconds(30)), null)) {
            Thread serving = serve(server);
            Connector[] clients = {ProxyConnectors.sendingProxyHeader(Connector.tcp(), 1, CLIENT, TlsOptions.defaults()),
                ProxyConnectors.sendingProxyHeader(Connector.tcp(), 2, CLIENT, TlsOptions.defaults()), Connector.tcp()};
            for (Connector client : clients) {
                try (Connection connection = client.connect(server.address().toString())) {
                    connection.setReadTimeout(Duration.ofSeconds(10));
                    try {
                        connection.output().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException closedAlready) {
                        // the server may close before the client wrote it all
                    }
                    try {
                        assertEquals(-1, connection.input().read());
                    } catch (java.net.SocketException reset) {
                        assertTrue(String.valueOf(reset.getMessage()).contains("reset"), reset.toString());
                    }
                }
                ConnectException e = assertInstanceOf(ConnectException.class, errors.poll(10, TimeUnit.SECONDS));
                assertTrue(e.getMessage().endsWith("refused: it is not a trusted PROXY protocol source [10.0.0.0/8]"),
                        e.getMessage());
            }
            server.close();
            serving.join(10_000);
        }
        assertNull(seen.poll());
    }

    @Test
    void aTlsServerHandshakesWithOrWithoutAHeaderBeforeIt() throws Exception {
        TlsCertificate certificate = TlsCertificate.selfSigned("localhost", "127.0.0.1");
        TlsOptions trust = TlsOptions.builder().trustCertificates(certificate.chain()).build();
        try (Server server = listen("tls://127.0.0.1:0", optional("127.0.0.1", Duration.ofSeconds(30)),
                TlsServerOptions.builder().certificate(certificate).build())) {
            Thread serving = serve(server);
            Connector[] clients = {ProxyConnectors.sendingProxyHeader(Connector.tcp(), 2, CLIENT, trust),
                Connector.create(ConnectorOptions.builder().tls(trust).build())};
            for (Connector client : clients) {
                try (Connection connection = client.connect(server.address().toString())) {
                    connection.setReadTimeout(Duration.ofSeconds(10));
                    connection.output().write("ping".getBytes(StandardCharsets.US_ASCII));
                    connection.output().flush();
                    assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), connection.input().readNBytes(4));
                }
            }
            assertEquals("tls://203.0.113.7:56324 v2", seen.poll(10, TimeUnit.SECONDS));
            assertTrue(seen.poll(10, TimeUnit.SECONDS).matches("tls://127\\.0\\.0\\.1:\\d+ no header"));
            server.close();
            serving.join(10_000);
        }
        assertNull(errors.poll());
    }

    @Test
    void serveWhenReadableGetsTheBytesGivenBack() throws Exception {
        try (Server server = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder()
                .proxyProtocol(optional("127.0.0.1", Duration.ofSeconds(30))).errorHandler(errors::add).build())) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serveWhenReadable(connection -> {
                        byte[] buffer = new byte[64];
                        int n = connection.input().read(buffer);
                        if (n < 0) {
                            return false;
                        }
                        connection.output().write(buffer, 0, n);
                        return true;
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try (Connection connection = Connector.tcp().connect(server.address().toString())) {
                connection.setReadTimeout(Duration.ofSeconds(10));
                connection.output().write("hello".getBytes(StandardCharsets.US_ASCII));
                connection.output().flush();
                assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), connection.input().readNBytes(5));
            }
            server.close();
            serving.join(10_000);
        }
        assertNull(errors.poll());
    }
}
