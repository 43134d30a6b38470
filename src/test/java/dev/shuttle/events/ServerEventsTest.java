package dev.shuttle.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Endpoint;
import dev.shuttle.ConnectionLimit;
import dev.shuttle.Server;
import dev.shuttle.ServerListener;
import dev.shuttle.ServerOptions;
import dev.shuttle.ServerStats;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.TlsHandshake;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A server tells its listener of accepts, TLS handshakes (negotiated or failed) and failures by
 * reason, and counts completed handshakes in its stats; a listener's RuntimeException is ignored,
 * its Error ends serving after the connection is closed.
 */
@NetworkTest
class ServerEventsTest {
    private static final TlsCertificate CERTIFICATE = TlsCertificate.selfSigned("app.test", "127.0.0.1");
    private static final TlsCertificate STRANGER = TlsCertificate.selfSigned("app.test", "127.0.0.1");

    private static Connector trusting(TlsCertificate trusted) {
        return Connector.create(ConnectorOptions.builder().connectTimeout(Duration.ofSeconds(20))
                .tls(TlsOptions.builder().trustCertificates(trusted.chain()).applicationProtocols("h2").build()).build());
    }

    private static ServerOptions options(ServerListener listener) {
        return ServerOptions.builder().listener(listener).errorHandler(error -> {})
                .tls(TlsServerOptions.builder().certificate(CERTIFICATE).applicationProtocols("h2").build()).build();
    }

    private static Thread serve(Server server) {
        return Thread.ofVirtual().start(() -> {
            try {
                server.serve(connection -> connection.input().transferTo(connection.output()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Error expected) {
                // the test that makes the listener throw one checks it through isOpen()
            }
        });
    }

    @Test
    void acceptsHandshakesAndFailuresAreToldAndCounted() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        ServerListener recorder = new ServerListener() {
            @Override
            public void accepted(Endpoint server, Endpoint client) {
                events.add("accepted");
            }

            @Override
            public void handshakeSucceeded(Endpoint server, Endpoint client, TlsHandshake handshake) {
                events.add("handshake " + handshake.protocol() + " " + handshake.applicationProtocol().orElse("-")
                        + " peer certificates " + handshake.peerCertificates().size());
            }

            @Override
            public void handshakeFailed(Endpoint server, Endpoint client, IOException failure) {
                events.add("handshake failed");
            }

            @Override
            public void failed(Endpoint server, Throwable failure, Optional<ServerStats.ClientFailure> reason) {
                events.add("failed " + reason.map(Enum::name).orElse("other"));
            }
        };
        try (Server server = Server.listen("tls://127.0.0.1:0", options(recorder))) {
            Thread serving = serve(server);
            try (Connection connection = trusting(CERTIFICATE).connect(server.address().toString())) {
                connection.output().write('x');
                assertEquals('x', connection.input().read());
            }
            assertThrows(IOException.class, () -> trusting(STRANGER).connect(server.address().toString()));
            await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 5);
            assertEquals(List.of("accepted", "handshake TLSv1.3 h2 peer certificates 0", "accepted", "handshake failed",
                    "failed TLS_HANDSHAKE"), events.stream().filter(e -> !e.equals("failed END_OF_STREAM")).toList());
            ServerStats stats = server.stats();
            assertEquals(2, stats.accepted());
            assertEquals(1, stats.tlsHandshakes());
            assertEquals(1L, stats.clientFailures().get(ServerStats.ClientFailure.TLS_HANDSHAKE));
            server.close();
            serving.join(Duration.ofSeconds(10));
        }
    }

    @Test
    void aListenerThatThrowsARuntimeExceptionIsIgnored() throws Exception {
        ServerListener throwing = new ServerListener() {
            @Override
            public void accepted(Endpoint server, Endpoint client) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void handshakeSucceeded(Endpoint server, Endpoint client, TlsHandshake handshake) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (Server server = Server.listen("tls://127.0.0.1:0", options(throwing))) {
            Thread serving = serve(server);
            try (Connection connection = trusting(CERTIFICATE).connect(server.address().toString())) {
                connection.output().write('x');
                assertEquals('x', connection.input().read());
            }
            server.close();
            serving.join(Duration.ofSeconds(10));
        }
    }

    @Test
    void anErrorFromTheListenerClosesTheConnectionAndEndsServingWithIt() throws Exception {
        AssertionError bug = new AssertionError("listener bug");
        ServerListener throwing = new ServerListener() {
            @Override
            public void handshakeSucceeded(Endpoint server, Endpoint client, TlsHandshake handshake) {
                throw bug;
            }
        };
        try (Server server = Server.listen("tls://127.0.0.1:0", options(throwing))) {
            List<Throwable> thrown = new CopyOnWriteArrayList<>();
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> connection.input().transferTo(connection.output()));
                } catch (Throwable e) {
                    thrown.add(e);
                }
            });
            try (Connection connection = trusting(CERTIFICATE).connect(server.address().toString())) {
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    assertEquals(-1, readOrEnd(connection));
                });
            }
            assertTrue(serving.join(Duration.ofSeconds(10)), "serve returned");
            assertSame(bug, thrown.getFirst());
            assertTrue(!server.isOpen());
        }
    }

    @Test
    void aRejectionOverTheConnectionLimitIsToldAndCounted() throws Exception {
        List<Optional<ServerStats.ClientFailure>> reasons = new CopyOnWriteArrayList<>();
        ServerListener recorder = new ServerListener() {
            @Override
            public void failed(Endpoint server, Throwable failure, Optional<ServerStats.ClientFailure> reason) {
                reasons.add(reason);
            }
        };
        ServerOptions options = ServerOptions.builder().listener(recorder).errorHandler(error -> {})
                .connectionLimit(ConnectionLimit.rejecting(1)).build();
        try (Server server = Server.listen("tcp://127.0.0.1:0", options)) {
            java.util.concurrent.CountDownLatch served = new java.util.concurrent.CountDownLatch(1);
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> {
                        served.countDown();
                        connection.input().transferTo(connection.output());
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try (Connection first = Connector.tcp().connect(server.address().toString())) {
                assertTrue(served.await(10, java.util.concurrent.TimeUnit.SECONDS));
                try (Connection second = Connector.tcp().connect(server.address().toString())) {
                    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertEquals(-1, readOrEnd(second)));
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !reasons.isEmpty());
            assertEquals(List.of(Optional.of(ServerStats.ClientFailure.OVER_LIMIT)), reasons);
            assertEquals(1L, server.stats().clientFailures().get(ServerStats.ClientFailure.OVER_LIMIT));
            server.close();
            serving.join(Duration.ofSeconds(10));
        }
    }

    private static int readOrEnd(Connection connection) {
        try {
            return connection.input().read();
        } catch (IOException closed) {
            return -1;
        }
    }
}
