package dev.shuttle.internal.server;

import dev.shuttle.testing.Bounded;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.tls.TestCertificates;
import dev.shuttle.ConnectionLimit;
import dev.shuttle.Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.Serving;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Servers at their connection limit, in both modes, with real clients on loopback. */
@NetworkTest
class ConnectionLimitTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private final List<Socket> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
    }

    private Socket connect(Server server) throws IOException {
        Socket socket = new Socket();
        clients.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", server.address().port()));
        socket.setSoTimeout((int) PATIENCE.toMillis());
        return socket;
    }

    /** Answers each byte with the next one, until the client ends: a readable call. */
    private static boolean answerWithTheNextByte(Connection connection) throws IOException {
        int b = connection.input().read();
        if (b < 0) {
            return false;
        }
        connection.output().write(b + 1);
        return true;
    }

    @Test
    void rejectingClosesTheExcessConnectionAtOnceAndReportsIt() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        Server server = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder()
                .connectionLimit(ConnectionLimit.rejecting(2)).errorHandler(errors::add).build());
        Serving serving = Serving.serve(server, connection -> {
            connection.output().write(1);
            Bounded.await(release);
        });
        try {
            assertEquals(1, connect(server).getInputStream().read());
            assertEquals(1, connect(server).getInputStream().read());
            Socket excess = connect(server);
            assertEquals(-1, excess.getInputStream().read(), "the connection beyond the limit is closed");
            await().atMost(PATIENCE).until(() -> errors.size() == 1);
            String message = errors.getFirst().getMessage();
            assertTrue(message.startsWith("Server " + server.address() + " is at its limit of 2 open connections"), message);
            assertTrue(errors.getFirst() instanceof IOException);
            assertEquals(2, server.connections().size());
        } finally {
            release.countDown();
            serving.close();
        }
    }

    @Test
    void pausingStopsAcceptingAtTheLimitAndResumesWhenOneCloses() throws Exception {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger mostActive = new AtomicInteger();
        Server server = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder().connectionLimit(ConnectionLimit.pausing(2)).build());
        Serving serving = Serving.serve(server, connection -> {
            mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                connection.output().write(1);
                connection.input().read(); // until the client closes
            } finally {
                active.decrementAndGet();
            }
        });
        try {
            Socket first = connect(server);
            assertEquals(1, first.getInputStream().read());
            assertEquals(1, connect(server).getInputStream().read());
            await().atMost(PATIENCE).until(server::isPaused);
            Socket waiting = connect(server); // completes in the kernel's backlog
            waiting.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> waiting.getInputStream().read(), "not served while full");
            assertEquals(2, server.connections().size());
            first.close();
            waiting.setSoTimeout((int) PATIENCE.toMillis());
            assertEquals(1, waiting.getInputStream().read(), "served once a slot is free");
            assertEquals(2, mostActive.get());
            assertEquals(2, server.connections().size());
        } finally {
            serving.close();
        }
    }

    @Test
    void trackingListsTheOpenConnectionsWithoutALimit() throws Exception {
        Server server = Server.listen("tcp://127.0.0.1:0");
        Serving serving = Serving.serve(server, connection -> connection.input().read());
        try {
            Socket a = connect(server);
            Socket b = connect(server);
            Socket c = connect(server);
            await().atMost(PATIENCE).until(() -> server.connections().size() == 3);
            List<Integer> ports = server.connections().stream().map(x -> x.remoteAddress().port()).sorted().toList();
            assertEquals(List.of(a.getLocalPort(), b.getLocalPort(), c.getLocalPort()).stream().sorted().toList(), ports);
            assertThrows(UnsupportedOperationException.class, () -> server.connections().clear());
            b.close();
            await().atMost(PATIENCE).until(() -> server.connections().size() == 2);
        } finally {
            serving.close();
        }
    }

    @Test
    void acceptWhenPausingWaitsForASlotToBeFreed() throws Exception {
        Server server = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder().connectionLimit(ConnectionLimit.pausing(1)).build());
        try (server) {
            connect(server);
            Connection first = server.accept();
            assertEquals(List.of(first), server.connections());
            Socket second = connect(server);
            AtomicBoolean firstClosed = new AtomicBoolean();
            AtomicReference<Object> accepted = new AtomicReference<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    Connection connection = server.accept();
                    accepted.set(firstClosed.get() ? connection : "accepted before the first closed");
                } catch (IOException e) {
                    accepted.set(e);
                }
            });
            await().atMost(PATIENCE).until(() -> acceptor.getState() == Thread.State.TIMED_WAITING);
            firstClosed.set(true);
            first.close();
            Bounded.join(acceptor);
            Connection secondConnection = (Connection) accepted.get();
            try (secondConnection) {
                assertEquals(second.getLocalPort(), secondConnection.remoteAddress().port());
                assertEquals(List.of(secondConnection), server.connections());
            }
            assertEquals(List.of(), server.connections());
        }
    }

    @Test
    void acceptWhenRejectingClosesTheExcessAndWaitsForTheNext() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Server server = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder()
                .connectionLimit(ConnectionLimit.rejecting(1)).errorHandler(errors::add).build());
        try (server) {
            connect(server);
            try (Connection first = server.accept()) {
                Socket excess = connect(server);
                AtomicReference<Object> accepted = new AtomicReference<>();
                Thread acceptor = Thread.ofVirtual().start(() -> {
                    try {
                        accepted.set(server.accept());
                    } catch (IOException e) {
                        accepted.set(e);
                    }
                });
                assertEquals(-1, excess.getInputStream().read());
                await().atMost(PATIENCE).until(() -> errors.size() == 1);
                first.close();
                Socket next = connect(server);
                Bounded.join(acceptor);
                try (Connection nextConnection = (Connection) accepted.get()) {
                    assertEquals(next.getLocalPort(), nextConnection.remoteAddress().port());
                }
            }
        }
    }

    @Test
    void aConnectionFromAcceptClosedThroughItsStreamGivesItsSlotBack() throws Exception {
        Server server = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder().connectionLimit(ConnectionLimit.pausing(1)).build());
        try (server) {
            connect(server);
            Connection first = server.accept();
            first.input().close(); // closes the connection, not through Connection.close()
            assertEquals(List.of(), server.connections());
            Socket second = connect(server);
            Connection secondConnection = assertTimeoutPreemptively(PATIENCE, server::accept);
            try (secondConnection) {
                assertEquals(second.getLocalPort(), secondConnection.remoteAddress().port());
            }
        }
    }

    @Test
    void acceptWhenPausingEndsWhenTheServerIsClosed() throws Exception {
        Server server = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder().connectionLimit(ConnectionLimit.pausing(1)).build());
        try (server) {
            connect(server);
            Connection first = server.accept();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    server.accept().close();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            await().atMost(PATIENCE).until(() -> acceptor.getState() == Thread.State.TIMED_WAITING);
            server.close(); // the slot stays held by the first connection, which accept() returned
            assertTrue(acceptor.join(PATIENCE));
            assertInstanceOf(java.net.SocketException.class, failure.get());
            first.close();
        }
    }

    @Test
    void aRejectingTlsServerClosesTheExcessConnectionBeforeAnyHandshake() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Server server = Server.listen("tls://127.0.0.1:0", ServerOptions.builder()
                .tls(TlsServerOptions.builder().certificate(pki.server()).build())
                .connectionLimit(ConnectionLimit.rejecting(1)).errorHandler(errors::add).build());
        CountDownLatch release = new CountDownLatch(1);
        Serving serving = Serving.serve(server, connection -> {
            connection.output().write(1);
            connection.output().flush();
            Bounded.await(release);
        });
        Connector tls = Connector.tls(TlsOptions.builder().trustStore(pki.caStore()).build());
        try (Connection first = tls.connect(server.address().toString())) {
            assertEquals(1, first.input().read());
            IOException refused = assertThrows(IOException.class, () -> tls.connect(server.address().toString()).close());
            assertTrue(refused instanceof javax.net.ssl.SSLException || refused.getMessage().contains("handshake"),
                    "the handshake fails: the server closed the connection without one: " + refused);
            await().atMost(PATIENCE).until(() -> errors.size() == 1);
            assertEquals(1, server.connections().size());
        } finally {
            release.countDown();
            serving.close();
        }
    }

    @Test
    void aPausingTlsServerHandshakesNoClientBeyondItsLimitUntilASlotIsFree() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        Server server = Server.listen("tls://127.0.0.1:0", ServerOptions.builder()
                .tls(TlsServerOptions.builder().certificate(pki.server()).build())
                .connectionLimit(ConnectionLimit.pausing(1)).build());
        Serving serving = Serving.serve(server, connection -> {
            connection.output().write(1);
            connection.output().flush();
            connection.input().read(); // until the client closes
        });
        Connector tls = Connector.tls(TlsOptions.builder().trustStore(pki.caStore()).build());
        try {
            Connection first = tls.connect(server.address().toString());
            assertEquals(1, first.input().read());
            AtomicReference<Object> second = new AtomicReference<>();
            Thread client = Thread.ofVirtual().start(() -> {
                try {
                    Connection connection = tls.connect(server.address().toString());
                    second.set(connection);
                } catch (IOException e) {
                    second.set(e);
                }
            });
            // The second client's TCP connect completes in the backlog; its handshake waits.
            await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> second.get() == null);
            first.close();
            assertTrue(client.join(PATIENCE));
            try (Connection connection = assertInstanceOf(Connection.class, second.get())) {
                assertEquals(1, connection.input().read());
            }
        } finally {
            serving.close();
        }
    }

    @Test
    void refusesALimitBelowOneNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectionLimit.pausing(0));
        assertEquals("a connection limit must be at least 1, not 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConnectionLimit.rejecting(-1));
    }

    @Test
    void serveWhenReadableKeepsTheLimitAndTheReadinessLoops() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<String> callThreads = new CopyOnWriteArrayList<>();
        Server server = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder()
                .connectionLimit(ConnectionLimit.rejecting(1)).errorHandler(errors::add).build());
        Serving serving = Serving.serveWhenReadable(server, connection -> {
            callThreads.add(Thread.currentThread().getName());
            return answerWithTheNextByte(connection);
        });
        try {
            Socket first = connect(server);
            for (int i = 0; i < 3; i++) {
                first.getOutputStream().write(i);
                assertEquals(i + 1, first.getInputStream().read());
            }
            assertEquals(1, server.connections().size(), "the served connection is listed");
            assertEquals(-1, connect(server).getInputStream().read(), "the connection beyond the limit is closed");
            await().atMost(PATIENCE).until(() -> errors.size() == 1);
            // Calls run on a readiness loop's leader, not on a thread of the connection's own.
            assertTrue(callThreads.stream().allMatch(name -> name.startsWith("shuttle-readable-")), callThreads.toString());
            first.close();
            await().atMost(PATIENCE).until(() -> server.connections().isEmpty());
        } finally {
            serving.close();
        }
    }

    @Test
    void aPausingServerWhenReadableServesTheNextClientOnceASlotIsFree() throws Exception {
        Server server = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder().connectionLimit(ConnectionLimit.pausing(1)).build());
        Serving serving = Serving.serveWhenReadable(server, ConnectionLimitTest::answerWithTheNextByte);
        try {
            Socket first = connect(server);
            first.getOutputStream().write(1);
            assertEquals(2, first.getInputStream().read());
            Socket second = connect(server); // completes in the kernel's backlog
            second.getOutputStream().write(5);
            second.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> second.getInputStream().read(), "not served at the limit");
            assertEquals(1, server.connections().size());
            first.close();
            second.setSoTimeout((int) PATIENCE.toMillis());
            assertEquals(6, second.getInputStream().read(), "served once the first closed");
        } finally {
            serving.close();
        }
    }
}
