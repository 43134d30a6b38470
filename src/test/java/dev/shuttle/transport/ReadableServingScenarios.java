package dev.shuttle.transport;

import dev.shuttle.testing.Bounded;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.ReadableHandler;
import dev.shuttle.Server;
import dev.shuttle.internal.concurrent.ShuttleThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link Server#serveWhenReadable}, over each transport: the handler is called when data arrives,
 * and between calls a connection holds no thread.
 */
abstract class ReadableServingScenarios extends TransportScenarios {
    private static final int CLIENTS = 20;

    /** Serves with {@code serveWhenReadable} on a virtual thread; the thread ends when it returns. */
    Thread serveWhenReadable(Server server, ReadableHandler handler) {
        return serve(server, null, handler);
    }

    /** Echoes what has arrived; closes at the end of the stream. */
    static boolean echoAvailable(Connection connection) throws IOException {
        byte[] buffer = new byte[1024];
        int n = connection.input().read(buffer);
        if (n < 0) {
            return false;
        }
        connection.output().write(buffer, 0, n);
        return true;
    }

    static byte[] roundTrip(Connection connection, byte[] message) throws IOException {
        connection.output().write(message);
        return connection.input().readNBytes(message.length);
    }

    @Test
    void idleConnectionsWaitWithoutAThreadAndEachMessageIsAnswered() throws Exception {
        int baseline = ShuttleThreads.live();
        Server server = listen();
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger inProgress = new AtomicInteger();
        serveWhenReadable(server, connection -> {
            calls.incrementAndGet();
            inProgress.incrementAndGet();
            try {
                return echoAvailable(connection);
            } finally {
                inProgress.decrementAndGet();
            }
        });
        List<Connection> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Connection client = connector().connect(server.address().toString());
                clients.add(client);
                assertArrayEquals(bytes("hello " + i), roundTrip(client, bytes("hello " + i)));
            }
            // Twenty open, idle connections: the acceptor and, two per core, a readiness loop's
            // supervisor and leader run; no thread per connection.
            int loops = 2 * Runtime.getRuntime().availableProcessors();
            await().until(() -> inProgress.get() == 0 && ShuttleThreads.live() <= baseline + 1 + 2 * loops);
            for (int round = 0; round < 50; round++) {
                for (Connection client : clients) {
                    assertArrayEquals(bytes("round " + round), roundTrip(client, bytes("round " + round)));
                }
            }
            assertTrue(calls.get() >= CLIENTS * 51, "one call per message at least, saw " + calls.get());
        } finally {
            clients.forEach(Connection::close);
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void manyClientsTalkingAtOnceAreEachAnswered() throws Exception {
        Server server = listen();
        serveWhenReadable(server, ReadableServingScenarios::echoAvailable);
        List<Thread> clients = new ArrayList<>();
        Set<Throwable> failures = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < CLIENTS; i++) {
            int id = i;
            clients.add(Thread.ofVirtual().start(() -> {
                try (Connection client = connector().connect(server.address().toString())) {
                    for (int round = 0; round < 200; round++) {
                        byte[] message = bytes(id + ":" + round);
                        assertArrayEquals(message, roundTrip(client, message));
                    }
                } catch (IOException | RuntimeException | AssertionError e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread client : clients) {
            assertTrue(client.join(Duration.ofSeconds(30)), "a client did not finish");
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void thePeerClosingEndsTheConnectionAtTheServerToo() throws Exception {
        Server server = listen();
        Set<Connection> served = ConcurrentHashMap.newKeySet();
        serveWhenReadable(server, connection -> {
            served.add(connection);
            return echoAvailable(connection);
        });
        try (Connection client = connector().connect(server.address().toString())) {
            roundTrip(client, bytes("x"));
        }
        await().until(() -> served.size() == 1 && !served.iterator().next().isOpen());
    }

    @Test
    void returningFalseClosesTheConnection() throws Exception {
        Server server = listen();
        serveWhenReadable(server, connection -> {
            connection.output().write(connection.input().read());
            return false;
        });
        try (Connection client = connector().connect(server.address().toString())) {
            client.output().write(7);
            assertEquals(7, client.input().read());
            assertEquals(-1, client.input().read());
        }
    }

    @Test
    void aHandlerExceptionClosesOnlyItsConnectionAndIsReported() throws Exception {
        Server server = listen();
        serveWhenReadable(server, connection -> {
            int b = connection.input().read();
            if (b == '!') {
                throw new IllegalStateException("bad request");
            }
            connection.output().write(b);
            return b >= 0;
        });
        try (Connection bad = connector().connect(server.address().toString());
                Connection good = connector().connect(server.address().toString())) {
            assertEquals('a', roundTrip(good, bytes("a"))[0]);
            bad.output().write('!');
            assertEquals(-1, bad.input().read());
            assertEquals('b', roundTrip(good, bytes("b"))[0]);
        }
        await().until(() -> !errors.isEmpty());
        assertInstanceOf(IllegalStateException.class, errors.getFirst());
    }

    @Test
    void closeEndsServeAndClosesIdleConnections() throws Exception {
        int baseline = ShuttleThreads.live();
        Server server = listen();
        Thread serving = serveWhenReadable(server, ReadableServingScenarios::echoAvailable);
        try (Connection client = connector().connect(server.address().toString())) {
            roundTrip(client, bytes("hi"));
            server.close();
            assertTrue(serving.join(Duration.ofSeconds(10)), "serve did not return after close");
            assertEquals(-1, client.input().read());
        }
        await().until(() -> ShuttleThreads.live() <= baseline);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void shutdownClosesIdleConnectionsAtOnceAndLetsACallFinish() throws Exception {
        Server server = listen();
        java.util.concurrent.CountDownLatch inCall = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch finish = new java.util.concurrent.CountDownLatch(1);
        Thread serving = serveWhenReadable(server, connection -> {
            int b = connection.input().read();
            if (b == 's') {
                inCall.countDown();
                Bounded.await(finish);
                connection.output().write('S');
                return true;
            }
            connection.output().write(b);
            return b >= 0;
        });
        try (Connection idle = connector().connect(server.address().toString());
                Connection slow = connector().connect(server.address().toString())) {
            roundTrip(idle, bytes("i"));
            slow.output().write('s');
            assertTrue(inCall.await(10, java.util.concurrent.TimeUnit.SECONDS));
            Thread shutdown = Thread.ofVirtual().start(() -> {
                try {
                    server.shutdown(Duration.ofMinutes(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertEquals(-1, idle.input().read()); // closed without waiting for the grace period
            finish.countDown();
            assertEquals('S', slow.input().read());
            assertEquals(-1, slow.input().read()); // handed back after shutdown: closed
            assertTrue(shutdown.join(Duration.ofSeconds(10)), "shutdown waited for the grace period");
            assertTrue(serving.join(Duration.ofSeconds(10)));
        }
    }

    @Test
    void serveWhenReadableWhileServingIsRefused() throws Exception {
        Server server = listen();
        serveWhenReadable(server, ReadableServingScenarios::echoAvailable);
        await().until(() -> ShuttleThreads.live() >= 2);
        assertThrows(IllegalStateException.class, () -> server.serveWhenReadable(ReadableServingScenarios::echoAvailable));
        assertThrows(IllegalStateException.class, () -> server.serve(TransportScenarios::echo));
        assertThrows(NullPointerException.class, () -> server.serveWhenReadable(null));
    }
}
