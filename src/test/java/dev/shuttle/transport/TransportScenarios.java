package dev.shuttle.transport;

import dev.shuttle.testing.Bounded;
import dev.shuttle.testing.Forked;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.ConnectionHandler;
import dev.shuttle.Connector;
import dev.shuttle.ReadableHandler;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.internal.concurrent.ShuttleThreads;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every transport must do, written once and run over each by a small subclass (the pattern
 * of Netty's testsuite): round trips, half-close, addresses, read timeouts, closing, serving,
 * pausing and error handling.
 */
@NetworkTest
abstract class TransportScenarios {
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    /** {@return where to listen, with a free port or a fresh path} */
    abstract String listenUri() throws IOException;

    /** {@return the connector for this transport} */
    abstract Connector connector();

    /** {@return the scheme that addresses of this transport are written with} */
    abstract String scheme();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    Server listen() throws IOException {
        Server server = Server.listen(listenUri(), ServerOptions.builder().errorHandler(errors::add).build());
        toClose.add(server);
        return server;
    }

    /** Serves on a virtual thread; the returned thread ends when serve returns. */
    Thread serve(Server server, ConnectionHandler handler) {
        return serve(server, handler, null);
    }

    /** Serves with the handler given, or {@code serveWhenReadable} with the readable one. */
    Thread serve(Server server, ConnectionHandler handler, ReadableHandler readable) {
        Thread serving = Thread.ofVirtual().name("serve " + server.address()).start(() -> {
            try {
                if (readable != null) {
                    server.serveWhenReadable(readable);
                } else {
                    server.serve(handler);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        toClose.add(() -> {
            server.close();
            Bounded.join(serving);
        });
        return serving;
    }

    static void echo(Connection connection) throws IOException {
        connection.input().transferTo(connection.output());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void echoesBytesBothWays() throws Exception {
        Server server = listen();
        serve(server, TransportScenarios::echo);
        byte[] payload = new byte[256 * 1024];
        new java.util.Random(1).nextBytes(payload);
        try (Connection connection = connector().connect(server.address().toString())) {
            Forked writer = Forked.start(() -> {
                connection.output().write(payload);
                connection.shutdownOutput();
            });
            assertArrayEquals(payload, connection.input().readAllBytes());
            writer.join(); // its failure, if any, fails this test
        }
    }

    @Test
    void halfCloseLetsThePeerAnswerAfterEndOfInput() throws Exception {
        Server server = listen();
        serve(server, connection -> {
            byte[] request = connection.input().readAllBytes();
            connection.output().write(bytes("got " + request.length));
        });
        try (Connection connection = connector().connect(server.address().toString())) {
            connection.output().write(bytes("hello"));
            connection.shutdownOutput();
            assertEquals("got 5", new String(connection.input().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void addressesAreWrittenAsUris() throws Exception {
        Server server = listen();
        assertTrue(server.address().toString().startsWith(scheme() + "://"), server.address().toString());
        List<String> seen = new CopyOnWriteArrayList<>();
        serve(server, connection -> {
            seen.add(connection.localAddress().toString());
            seen.add(connection.remoteAddress().toString());
        });
        try (Connection connection = connector().connect(server.address().toString())) {
            assertEquals(server.address(), connection.remoteAddress());
            assertEquals(-1, connection.input().read());
            await().until(() -> seen.size() == 2);
            assertEquals(server.address().toString(), seen.get(0));
            assertEquals(connection.localAddress().toString(), seen.get(1));
        }
    }

    @Test
    void readTimeoutThrowsAndLeavesTheConnectionUsable() throws Exception {
        Server server = listen();
        CountDownLatch timedOut = new CountDownLatch(1);
        serve(server, connection -> {
            Bounded.await(timedOut);
            connection.output().write(bytes("late"));
        });
        try (Connection connection = connector().connect(server.address().toString())) {
            connection.setReadTimeout(Duration.ofMillis(50));
            assertEquals(Duration.ofMillis(50), connection.readTimeout());
            assertThrows(SocketTimeoutException.class, () -> connection.input().read());
            timedOut.countDown();
            connection.setReadTimeout(Duration.ofSeconds(30));
            byte[] reply = connection.input().readNBytes(4);
            assertEquals("late", new String(reply, StandardCharsets.UTF_8));
        }
    }

    @Test
    void negativeReadTimeoutIsRejected() throws Exception {
        Server server = listen();
        serve(server, TransportScenarios::echo);
        try (Connection connection = connector().connect(server.address().toString())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> connection.setReadTimeout(Duration.ofMillis(-1)));
            assertTrue(e.getMessage().contains("readTimeout"), e.getMessage());
        }
    }

    @Test
    void closeIsIdempotentAndUnblocksAReader() throws Exception {
        Server server = listen();
        serve(server, TransportScenarios::echo);
        Connection connection = connector().connect(server.address().toString());
        AtomicInteger outcome = new AtomicInteger();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                outcome.set(connection.input().read());
            } catch (IOException e) {
                outcome.set(-2);
            }
        });
        await().until(() -> reader.getState() == Thread.State.WAITING || reader.getState() == Thread.State.TIMED_WAITING);
        connection.close();
        connection.close();
        assertTrue(reader.join(Duration.ofSeconds(5)));
        assertTrue(outcome.get() < 0, "reader saw " + outcome.get());
        assertFalse(connection.isOpen());
    }

    @Test
    void aHandlerExceptionClosesItsConnectionAndTheServerKeepsServing() throws Exception {
        Server server = listen();
        AtomicInteger calls = new AtomicInteger();
        serve(server, connection -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("handler failed on purpose");
            }
            echo(connection);
        });
        try (Connection first = connector().connect(server.address().toString())) {
            assertEquals(-1, first.input().read());
        }
        await().until(() -> errors.size() == 1);
        assertInstanceOf(IllegalStateException.class, errors.getFirst());
        try (Connection second = connector().connect(server.address().toString())) {
            second.output().write(bytes("still here"));
            second.shutdownOutput();
            assertEquals("still here", new String(second.input().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void serveReturnsAfterCloseWithNoHandlerThreadLeft() throws Exception {
        // Threads of earlier tests (a DNS query finishing after its caller gave up) may still end.
        int baseline = ShuttleThreads.live();
        Server server = listen();
        CountDownLatch handling = new CountDownLatch(3);
        Thread serving = serve(server, connection -> {
            handling.countDown();
            echo(connection);
        });
        List<Connection> clients = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(connector().connect(server.address().toString()));
        }
        assertTrue(handling.await(10, TimeUnit.SECONDS));
        int before = ShuttleThreads.live();
        assertTrue(before >= baseline + 4, "acceptor and three handlers should run, saw " + before + " over " + baseline);
        server.close();
        assertTrue(serving.join(Duration.ofSeconds(10)), "serve did not return after close");
        await().until(() -> ShuttleThreads.live() <= baseline);
        for (Connection client : clients) {
            assertEquals(-1, client.input().read());
            client.close();
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void closeIsIdempotentAndRefusesNewClients() throws Exception {
        Server server = listen();
        String address = server.address().toString();
        server.close();
        server.close();
        assertFalse(server.isOpen());
        assertThrows(IOException.class, () -> connector().connect(address).close());
        assertThrows(IOException.class, server::accept);
    }

    @Test
    void pauseHoldsNewClientsUntilResume() throws Exception {
        Server server = listen();
        List<String> handled = new CopyOnWriteArrayList<>();
        serve(server, connection -> {
            handled.add(new String(connection.input().readAllBytes(), StandardCharsets.UTF_8));
        });
        // Make sure the acceptor is running before pausing.
        try (Connection warmUp = connector().connect(server.address().toString())) {
            warmUp.output().write(bytes("before"));
        }
        await().until(() -> handled.contains("before"));
        server.pause();
        assertTrue(server.isPaused());
        try (Connection paused = connector().connect(server.address().toString())) {
            paused.output().write(bytes("while paused"));
        }
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> !handled.contains("while paused"));
        server.resume();
        assertFalse(server.isPaused());
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("while paused"));
    }

    @Test
    void serveTwiceAtOnceIsRefused() throws Exception {
        Server server = listen();
        serve(server, TransportScenarios::echo);
        await().until(() -> ShuttleThreads.live() >= 1);
        assertThrows(IllegalStateException.class, () -> server.serve(TransportScenarios::echo));
    }

    @Test
    void acceptReturnsConnectionsThatOutliveTheServer() throws Exception {
        Server server = listen();
        Forked client = Forked.start(() -> {
            try (Connection connection = connector().connect(server.address().toString())) {
                connection.output().write(bytes("ping"));
                connection.shutdownOutput();
                assertEquals("ping", new String(connection.input().readAllBytes(), StandardCharsets.UTF_8));
            }
        });
        try (Connection accepted = server.accept()) {
            server.close();
            echo(accepted);
        }
        client.join(); // the client's echo check, made on its thread, fails this test if it failed
    }
}
