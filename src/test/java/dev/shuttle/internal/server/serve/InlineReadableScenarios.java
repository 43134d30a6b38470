package dev.shuttle.internal.server.serve;

import dev.shuttle.testing.Bounded;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ReadableHandler;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How {@code serveWhenReadable} runs its calls, over each transport: inline on the loop's thread
 * while they do not wait; a call that waits for the rest of a message or for room to write hands
 * the loop on; a call blocked on something else loses the loop after its time slice. Most tests
 * use a single loop, so that a call holding it would stall every other connection.
 */
@NetworkTest
abstract class InlineReadableScenarios {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** A slice no test outlives: with it, a call that never waits keeps the loop. */
    private static final Duration FOREVER = Duration.ofHours(1);

    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    abstract String listenUri() throws IOException;

    abstract Connector connector();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    /** A server with the given number of loops and time slice, serving the handler. */
    Server serve(int loops, Duration slice, ReadableHandler handler) throws IOException {
        Server server = Server.listen(listenUri(), ServerOptions.builder().errorHandler(errors::add).build());
        AcceptLoopServer listening = (AcceptLoopServer) server;
        listening.readableLoops(loops);
        listening.readableTimeSlice(slice);
        Thread serving = Thread.ofVirtual().start(() -> {
            try {
                server.serveWhenReadable(handler);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        toClose.add(() -> {
            server.close();
            assertTrue(serving.join(PATIENCE), "serve did not return");
        });
        return server;
    }

    Connection connect(Server server) throws IOException {
        Connection connection = connector().connect(server.address().toString());
        toClose.add(connection);
        connection.setReadTimeout(PATIENCE);
        return connection;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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

    static void assertEchoes(Connection client, String text) throws IOException {
        byte[] message = bytes(text);
        client.output().write(message);
        assertArrayEquals(message, client.input().readNBytes(message.length));
    }

    @Test
    void callsThatDoNotWaitRunOnTheLoopsOwnThread() throws Exception {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Server server = serve(1, FOREVER, connection -> {
            threads.add(Thread.currentThread());
            return echoAvailable(connection);
        });
        Connection first = connect(server);
        Connection second = connect(server);
        for (int round = 0; round < 100; round++) {
            assertEchoes(first, "first " + round);
            assertEchoes(second, "second " + round);
        }
        assertEquals(1, threads.size(), "no thread per call: " + threads);
    }

    @Test
    void manyClientsTalkingAtOnceAreEachAnsweredInOrder() throws Exception {
        Server server = serve(2, Duration.ofMillis(1), InlineReadableScenarios::echoAvailable);
        Set<Throwable> failures = ConcurrentHashMap.newKeySet();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int id = i;
            clients.add(Thread.ofVirtual().start(() -> {
                try {
                    Connection client = connect(server);
                    for (int round = 0; round < 200; round++) {
                        assertEchoes(client, id + ":" + round);
                    }
                } catch (IOException | RuntimeException | AssertionError e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread client : clients) {
            assertTrue(client.join(PATIENCE), "a client did not finish");
        }
        assertTrue(failures.isEmpty(), failures.toString());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aCallWaitingForTheRestOfAMessageHandsTheLoopOn() throws Exception {
        CountDownLatch firstHalfRead = new CountDownLatch(1);
        Server server = serve(1, FOREVER, connection -> {
            int first = connection.input().read();
            if (first < 0) {
                return false;
            }
            if (first == '[') {
                // A message of 8 bytes after the bracket, arriving in two parts.
                byte[] rest = new byte[8];
                int n = connection.input().read(rest, 0, 4);
                firstHalfRead.countDown();
                byte[] more = connection.input().readNBytes(8 - n);
                System.arraycopy(more, 0, rest, n, more.length);
                connection.output().write(rest);
                return true;
            }
            connection.output().write(first);
            return true;
        });
        Connection split = connect(server);
        Connection other = connect(server);
        split.output().write(bytes("[abcd"));
        assertTrue(firstHalfRead.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        for (int i = 0; i < 20; i++) {
            assertEchoes(other, "x"); // answered while the call above waits for its second half
        }
        split.output().write(bytes("efgh"));
        assertArrayEquals(bytes("abcdefgh"), split.input().readNBytes(8));
        for (int i = 0; i < 20; i++) {
            assertEchoes(split, "y"); // back to ordinary calls afterwards
            assertEchoes(other, "z");
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aCallBlockedOnSomethingElseLosesTheLoopAfterItsTimeSlice() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Server server = serve(1, Duration.ofMillis(5), connection -> {
            int b = connection.input().read();
            if (b == '!') {
                blocked.countDown();
                Bounded.await(release); // a database call, say: no read or write of this connection
            }
            connection.output().write(b);
            return b >= 0;
        });
        Connection slow = connect(server);
        Connection other = connect(server);
        slow.output().write('!');
        assertTrue(blocked.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        for (int i = 0; i < 20; i++) {
            assertEchoes(other, "o");
        }
        release.countDown();
        assertEquals('!', slow.input().read());
        for (int i = 0; i < 20; i++) {
            assertEchoes(slow, "s"); // never called twice for one message, and served again after
            assertEchoes(other, "o");
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void withoutATimeSliceABlockedCallHoldsTheLoop() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Server server = serve(1, FOREVER, connection -> {
            int b = connection.input().read();
            if (b == '!') {
                blocked.countDown();
                Bounded.await(release);
            }
            connection.output().write(b);
            return b >= 0;
        });
        Connection slow = connect(server);
        Connection other = connect(server);
        slow.output().write('!');
        assertTrue(blocked.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        other.output().write('o');
        other.setReadTimeout(Duration.ofMillis(200));
        // The slice is what frees the loop: with one of an hour, nobody else is served meanwhile.
        assertThrows(SocketTimeoutException.class, () -> other.input().read());
        release.countDown();
        other.setReadTimeout(PATIENCE);
        assertEquals('o', other.input().read());
        assertEquals('!', slow.input().read());
    }

    @Test
    void aWriteToAPeerThatDoesNotReadDoesNotStallTheOthers() throws Exception {
        int size = 32 * 1024 * 1024;
        Server server = serve(1, FOREVER, connection -> {
            int b = connection.input().read();
            if (b == 'F') {
                byte[] flood = new byte[size];
                for (int i = 0; i < size; i++) {
                    flood[i] = (byte) i;
                }
                connection.output().write(flood);
                return true;
            }
            connection.output().write(b);
            return b >= 0;
        });
        Connection flooded = connect(server);
        Connection other = connect(server);
        flooded.output().write('F'); // and read nothing for now: the server's write cannot finish
        for (int i = 0; i < 20; i++) {
            assertEchoes(other, "o");
        }
        byte[] received = flooded.input().readNBytes(size);
        assertEquals(size, received.length);
        for (int i = 0; i < size; i += 4099) {
            assertEquals((byte) i, received[i], "byte " + i);
        }
        assertEchoes(flooded, "after");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void theReadTimeoutAppliesToACallWaitingForData() throws Exception {
        Server server = serve(1, FOREVER, connection -> {
            connection.setReadTimeout(Duration.ofMillis(100));
            connection.input().readNBytes(8);
            return true;
        });
        Connection client = connect(server);
        client.output().write(bytes("half")); // 4 of the 8 bytes the call waits for
        assertEquals(-1, client.input().read()); // the timeout ended the call and closed the connection
        await().atMost(PATIENCE).until(() -> !errors.isEmpty());
        assertInstanceOf(SocketTimeoutException.class, errors.getFirst());
    }

    @Test
    void closingTheServerEndsACallWaitingForData() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicBoolean failed = new AtomicBoolean();
        Server server = serve(1, FOREVER, connection -> {
            connection.input().read();
            waiting.countDown();
            try {
                connection.input().read(); // nothing more comes
            } catch (IOException e) {
                failed.set(true);
                throw e;
            }
            return false;
        });
        Connection client = connect(server);
        client.output().write('a');
        assertTrue(waiting.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        server.close();
        assertEquals(-1, client.input().read());
        await().atMost(PATIENCE).untilTrue(failed);
        assertTrue(errors.isEmpty(), "a failure caused by closing is not reported: " + errors);
    }

    @Test
    void shutdownClosesIdleConnectionsAndLetsACallWaitingForDataFinish() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        Server server = serve(1, FOREVER, connection -> {
            int b = connection.input().read();
            if (b == 'w') {
                waiting.countDown();
                connection.output().write(connection.input().read());
                return true;
            }
            connection.output().write(b);
            return b >= 0;
        });
        Connection idle = connect(server);
        Connection busy = connect(server);
        assertEchoes(idle, "i");
        busy.output().write('w');
        assertTrue(waiting.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        Thread shutdown = Thread.ofVirtual().start(() -> {
            try {
                server.shutdown(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertEquals(-1, idle.input().read()); // closed without waiting for the grace period
        busy.output().write('B');
        assertEquals('B', busy.input().read()); // the call in progress finished its work
        assertEquals(-1, busy.input().read()); // and its connection closed, the server being closed
        assertTrue(shutdown.join(PATIENCE), "shutdown waited for the grace period");
    }

    @Test
    void aCallThatThrowsAfterLosingTheLoopClosesOnlyItsConnection() throws Exception {
        Server server = serve(1, Duration.ofMillis(1), connection -> {
            int b = connection.input().read();
            if (b == '!') {
                Thread.sleep(50); // long enough to lose the loop
                throw new IllegalStateException("bad request");
            }
            connection.output().write(b);
            return b >= 0;
        });
        Connection bad = connect(server);
        Connection good = connect(server);
        assertEchoes(good, "a");
        bad.output().write('!');
        assertEquals(-1, bad.input().read());
        assertEchoes(good, "b");
        await().atMost(PATIENCE).until(() -> !errors.isEmpty());
        assertInstanceOf(IllegalStateException.class, errors.getFirst());
    }

    @Test
    void aWriteFromAnotherThreadThatMustWaitLeavesTheConnectionServedAfterwards() throws Exception {
        byte[] big = new byte[16 << 20]; // more than the socket buffers hold: the writer waits
        java.util.concurrent.atomic.AtomicReference<Thread> writer = new java.util.concurrent.atomic.AtomicReference<>();
        Server server = serve(1, FOREVER, connection -> {
            int b = connection.input().read();
            if (b == 'p') {
                connection.output().write('q');
            } else if (b == 'w') {
                // A push from another thread, as a broadcast would write to this connection.
                writer.set(Thread.ofVirtual().start(() -> {
                    try {
                        connection.output().write(big);
                    } catch (IOException e) {
                        errors.add(e);
                    }
                }));
            }
            return b >= 0;
        });
        Connection client = connect(server);
        client.output().write('w');
        await().atMost(PATIENCE).until(() -> writer.get() != null && writer.get().getState() == Thread.State.WAITING);
        assertEquals(big.length, client.input().readNBytes(big.length).length);
        assertTrue(writer.get().join(PATIENCE), "the writer finished once the client read");
        client.output().write('p');
        assertEquals('q', client.input().read(), "the connection is still called when data comes");
        assertEchoesBothWays(server);
        assertEquals(List.of(), errors);
    }

    @Test
    void aConnectionClosedByAnotherConnectionsCallIsForgottenByTheServer() throws Exception {
        List<Connection> byArrival = new CopyOnWriteArrayList<>();
        Server server = serve(1, FOREVER, connection -> {
            if (!byArrival.contains(connection)) {
                byArrival.add(connection);
            }
            byte[] buffer = new byte[16];
            int n = connection.input().read(buffer);
            if (n <= 0) {
                return false;
            }
            String text = new String(buffer, 0, n, StandardCharsets.UTF_8);
            if (text.equals("kick the first")) {
                byArrival.getFirst().close();
            }
            connection.output().write(buffer, 0, n);
            return true;
        });
        Connection victim = connect(server);
        Connection kicker = connect(server);
        assertEchoes(victim, "hello");
        assertEchoes(kicker, "kick the first");
        assertEquals(-1, victim.input().read(), "the kicked connection is closed");
        AcceptLoopServer listening = (AcceptLoopServer) server;
        await().atMost(PATIENCE).until(() -> listening.servedCount() == 1);
        kicker.close();
        await().atMost(PATIENCE).until(() -> listening.servedCount() == 0);
    }

    private void assertEchoesBothWays(Server server) throws IOException {
        Connection other = connect(server);
        other.output().write('p');
        assertEquals('q', other.input().read());
    }
}
