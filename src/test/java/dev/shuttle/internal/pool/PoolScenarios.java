package dev.shuttle.internal.pool;

import dev.shuttle.testing.Bounded;
import static dev.shuttle.testing.PeerServer.ask;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.ConnectionHandler;
import dev.shuttle.pool.ConnectionPool;
import dev.shuttle.Connector;
import dev.shuttle.pool.PoolOptions;
import dev.shuttle.ServerOptions;
import dev.shuttle.internal.io.IdleCheck;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.PeerServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The pool's behaviour over one transport; a subclass per transport says which. */
@NetworkTest
public abstract class PoolScenarios {
    private final AtomicLong now = new AtomicLong();

    protected abstract String listenUri();

    protected abstract Connector connector();

    /** {@return the options of the test's servers} */
    protected ServerOptions serverOptions() {
        return ServerOptions.defaults();
    }

    /** Every connection the test's pools opened, as the transport made it, in order. */
    private final List<Connection> opened = new CopyOnWriteArrayList<>();

    private Pool pool(PoolOptions options) {
        Connector transport = connector();
        Connector recording = uri -> {
            Connection connection = transport.connect(uri);
            opened.add(connection);
            return connection;
        };
        return new Pool(recording, options, now::get);
    }

    /**
     * Waits until what the peer did (sent bytes, closed) has reached the client side of an idle
     * connection: loopback may deliver it after the peer's own call returned. The check may read
     * one byte, which leaves the connection failing the pool's check all the same (more bytes of a
     * line or a record follow, and end of stream stays).
     */
    private void awaitPeerSeenBy(int connection) {
        await().until(() -> !((IdleCheck) opened.get(connection)).quiet());
    }

    private Pool pool() {
        return pool(PoolOptions.defaults());
    }

    @Test
    void reusesAConnectionGivenBack() throws Exception {
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), PeerServer.numberedEcho()); Pool pool = pool()) {
            try (Connection connection = pool.connect(server.uri())) {
                assertEquals("1:a", ask(connection, "a"));
            }
            assertEquals(new ConnectionPool.Stats(1, 0, 0), pool.stats(server.uri()));
            try (Connection connection = pool.connect(server.uri())) {
                assertEquals("1:b", ask(connection, "b"));
                assertEquals(new ConnectionPool.Stats(0, 1, 0), pool.stats(server.uri()));
            }
            assertEquals(1, server.accepted());
        }
    }

    @Test
    void opensAnotherConnectionWhileOneIsInUse() throws Exception {
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), PeerServer.numberedEcho()); Pool pool = pool()) {
            try (Connection first = pool.connect(server.uri()); Connection second = pool.connect(server.uri())) {
                assertEquals("1:a", ask(first, "a"));
                assertEquals("2:b", ask(second, "b"));
                assertEquals(new ConnectionPool.Stats(0, 2, 0), pool.stats(server.uri()));
            }
            assertEquals(new ConnectionPool.Stats(2, 0, 0), pool.stats(server.uri()));
        }
    }

    @Test
    void idleConnectionClosedByThePeerIsNotHandedOut() throws Exception {
        idleConnectionClosedByThePeerIsNotHandedOut(Duration.ZERO);
    }

    @Test
    void idleConnectionClosedByThePeerIsNotHandedOutAfterReadsWithATimeout() throws Exception {
        // A Unix connection reads with a timeout through a thread of its own, which the check asks.
        idleConnectionClosedByThePeerIsNotHandedOut(Duration.ofSeconds(5));
    }

    private void idleConnectionClosedByThePeerIsNotHandedOut(Duration readTimeout) throws Exception {
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), oneAnswer(null, null)); Pool pool = pool()) {
            try (Connection connection = pool.connect(server.uri())) {
                connection.setReadTimeout(readTimeout);
                assertEquals("once:a", ask(connection, "a"));
            }
            await().until(() -> server.open() == 0);
            awaitPeerSeenBy(0);
            try (Connection connection = pool.connect(server.uri())) {
                assertEquals("once:b", ask(connection, "b"));
            }
            assertEquals(2, server.accepted());
        }
    }

    @Test
    void idleConnectionOnWhichThePeerSentBytesIsNotHandedOut() throws Exception {
        CountDownLatch sendJunk = new CountDownLatch(1);
        AtomicBoolean junkSent = new AtomicBoolean();
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), oneAnswer(sendJunk, junkSent)); Pool pool = pool()) {
            try (Connection connection = pool.connect(server.uri())) {
                assertEquals("once:a", ask(connection, "a"));
            }
            assertEquals(new ConnectionPool.Stats(1, 0, 0), pool.stats(server.uri()));
            sendJunk.countDown();
            await().untilTrue(junkSent);
            awaitPeerSeenBy(0);
            try (Connection connection = pool.connect(server.uri())) {
                assertEquals("once:b", ask(connection, "b"));
            }
            assertEquals(2, server.accepted());
        }
    }

    /**
     * Answers one line with {@code once:line}, then closes; or, given a latch, waits for it, sends
     * a junk line and waits for the client to close.
     */
    private static ConnectionHandler oneAnswer(CountDownLatch sendJunk, AtomicBoolean junkSent) {
        return connection -> {
            BufferedReader lines = new BufferedReader(new InputStreamReader(connection.input(), StandardCharsets.UTF_8));
            String line = lines.readLine();
            connection.output().write(("once:" + line + "\n").getBytes(StandardCharsets.UTF_8));
            if (sendJunk != null && line.equals("a")) {
                Bounded.await(sendJunk);
                connection.output().write("junk\n".getBytes(StandardCharsets.UTF_8));
                junkSent.set(true);
                lines.readLine();
            }
        };
    }

    @Test
    void aReplyLeftUnreadIsNeverReadByTheNextBorrower() throws Exception {
        AtomicBoolean replied = new AtomicBoolean();
        ConnectionHandler answerOnce = connection -> {
            connection.input().read(new byte[64]);
            connection.output().write("reply\n".getBytes(StandardCharsets.UTF_8));
            replied.set(true);
            connection.input().read();
        };
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), answerOnce); Pool pool = pool()) {
            try (Connection connection = pool.connect(server.uri())) {
                connection.output().write("request\n".getBytes(StandardCharsets.UTF_8));
                await().untilTrue(replied);
                awaitPeerSeenBy(0);
            }
            assertEquals(ConnectionPool.Stats.NONE, pool.stats(server.uri()));
            await().until(() -> server.open() == 0);
        }
    }

    @Test
    void twoRepliesReadOneNeverReused() throws Exception {
        AtomicBoolean replied = new AtomicBoolean();
        ConnectionHandler twoReplies = connection -> {
            BufferedReader lines = new BufferedReader(new InputStreamReader(connection.input(), StandardCharsets.UTF_8));
            while (lines.readLine() != null) {
                connection.output().write("reply-1\n".getBytes(StandardCharsets.UTF_8));
                connection.output().flush();
                connection.output().write("STALE-2\n".getBytes(StandardCharsets.UTF_8));
                connection.output().flush();
                replied.set(true);
            }
        };
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), twoReplies); Pool pool = pool()) {
            try (Connection connection = pool.connect(server.uri())) {
                connection.output().write("request\n".getBytes(StandardCharsets.UTF_8));
                await().untilTrue(replied);
                assertEquals("reply-1\n", new String(connection.input().readNBytes(8), StandardCharsets.UTF_8));
                awaitPeerSeenBy(0); // the second reply has arrived, unread
            }
            assertEquals(ConnectionPool.Stats.NONE, pool.stats(server.uri()));
            await().until(() -> server.open() == 0);
        }
    }

    @Test
    void closingFromAnotherThreadDuringAReadUnblocksTheReaderAndFreesThePlace() throws Exception {
        closingFromAnotherThreadDuringARead(Duration.ZERO);
    }

    @Test
    void closingFromAnotherThreadDuringAReadWithATimeoutUnblocksTheReaderAndFreesThePlace() throws Exception {
        closingFromAnotherThreadDuringARead(Duration.ofSeconds(30));
    }

    private void closingFromAnotherThreadDuringARead(Duration readTimeout) throws Exception {
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), PeerServer.numberedEcho()); Pool pool = pool()) {
            Connection connection = pool.connect(server.uri());
            connection.setReadTimeout(readTimeout);
            assertEquals("1:a", ask(connection, "a"));
            AtomicReference<Object> readOutcome = new AtomicReference<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    readOutcome.set(connection.input().read());
                } catch (Throwable e) {
                    readOutcome.set(e);
                }
            });
            await().until(() -> reader.getState() == Thread.State.WAITING || reader.getState() == Thread.State.TIMED_WAITING);
            Thread closer = Thread.ofVirtual().start(connection::close);
            assertTrue(closer.join(Duration.ofSeconds(10)), "close() did not return while another thread read");
            assertTrue(reader.join(Duration.ofSeconds(10)), "the reader is still blocked after close()");
            assertInstanceOf(IOException.class, readOutcome.get(), String.valueOf(readOutcome.get()));
            assertEquals(ConnectionPool.Stats.NONE, pool.stats(server.uri()));
            await().until(() -> server.open() == 0);
            try (Connection next = pool.connect(server.uri())) {
                assertEquals("2:b", ask(next, "b"));
            }
        }
    }

    @Test
    void discardedConnectionIsClosedAndFreesItsPlace() throws Exception {
        PoolOptions one = PoolOptions.builder().maxConnectionsPerEndpoint(1).maxWait(Duration.ZERO).build();
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), PeerServer.numberedEcho()); Pool pool = pool(one)) {
            Connection connection = pool.connect(server.uri());
            assertEquals("1:a", ask(connection, "a"));
            ConnectionPool.discard(connection);
            ConnectionPool.discard(connection);
            await().until(() -> server.open() == 0);
            try (Connection next = pool.connect(server.uri())) {
                assertEquals("2:b", ask(next, "b"));
            }
        }
    }

    @Test
    void aReadTimeoutMakesTheConnectionUnfitForReuse() throws Exception {
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), PeerServer.numberedEcho()); Pool pool = pool()) {
            try (Connection connection = pool.connect(server.uri())) {
                connection.setReadTimeout(Duration.ofMillis(50));
                assertThrows(SocketTimeoutException.class, () -> connection.input().read());
            }
            assertEquals(ConnectionPool.Stats.NONE, pool.stats(server.uri()));
            await().until(() -> server.open() == 0);
        }
    }

    @Test
    void theReadTimeoutIsResetWhenAConnectionIsGivenBack() throws Exception {
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), PeerServer.numberedEcho()); Pool pool = pool()) {
            try (Connection connection = pool.connect(server.uri())) {
                connection.setReadTimeout(Duration.ofSeconds(5));
                assertEquals("1:a", ask(connection, "a"));
            }
            try (Connection connection = pool.connect(server.uri())) {
                assertEquals("1:b", ask(connection, "b"));
                assertEquals(Duration.ZERO, connection.readTimeout());
            }
        }
    }

    @Test
    void aConnectionGivenBackRefusesFurtherUse() throws Exception {
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), PeerServer.numberedEcho()); Pool pool = pool()) {
            Connection connection = pool.connect(server.uri());
            connection.close();
            assertFalse(connection.isOpen());
            IOException refused = assertThrows(IOException.class, () -> connection.output().write(1));
            assertTrue(refused.getMessage().contains("given back"), refused.getMessage());
            assertEquals(new ConnectionPool.Stats(1, 0, 0), pool.stats(server.uri()));
        }
    }

    @Test
    void aConnectBeyondTheLimitWaitsThenFailsNamingTheUriAndTheLimit() throws Exception {
        PoolOptions two = PoolOptions.builder().maxConnectionsPerEndpoint(2).maxWait(Duration.ofMillis(100)).build();
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), PeerServer.numberedEcho()); Pool pool = pool(two);
                Connection first = pool.connect(server.uri()); Connection second = pool.connect(server.uri())) {
            SocketTimeoutException timeout = assertThrows(SocketTimeoutException.class, () -> pool.connect(server.uri()));
            assertTrue(timeout.getMessage().contains(server.uri()), timeout.getMessage());
            assertTrue(timeout.getMessage().contains("all 2 connections"), timeout.getMessage());
            assertEquals(new ConnectionPool.Stats(0, 2, 0), pool.stats(server.uri()));
        }
    }

    @Test
    void waitersAreServedInArrivalOrder() throws Exception {
        PoolOptions one = PoolOptions.builder().maxConnectionsPerEndpoint(1).build();
        List<String> served = new CopyOnWriteArrayList<>();
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), PeerServer.numberedEcho()); Pool pool = pool(one)) {
            Connection held = pool.connect(server.uri());
            Thread b = borrowInThread(pool, server.uri(), "b", served);
            await().until(() -> pool.stats(server.uri()).waiting() == 1);
            Thread c = borrowInThread(pool, server.uri(), "c", served);
            await().until(() -> pool.stats(server.uri()).waiting() == 2);
            held.close();
            assertTrue(b.join(Duration.ofSeconds(10)), "b was never served");
            assertTrue(c.join(Duration.ofSeconds(10)), "c was never served");
            assertEquals(List.of("1:b", "1:c"), served);
        }
    }

    private static Thread borrowInThread(ConnectionPool pool, String uri, String name, List<String> served) {
        return Thread.ofVirtual().start(() -> {
            try (Connection connection = pool.connect(uri)) {
                served.add(ask(connection, name));
            } catch (IOException e) {
                served.add(e.toString());
            }
        });
    }

    @Test
    void interruptingAWaiterThrowsInterruptedIoExceptionAndKeepsTheFlag() throws Exception {
        PoolOptions one = PoolOptions.builder().maxConnectionsPerEndpoint(1).maxWait(Duration.ofMinutes(1)).build();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), PeerServer.numberedEcho()); Pool pool = pool(one);
                Connection held = pool.connect(server.uri())) {
            Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    pool.connect(server.uri()).close();
                } catch (Throwable e) {
                    failure.set(e);
                    flagKept.set(Thread.currentThread().isInterrupted());
                }
            });
            await().until(() -> pool.stats(server.uri()).waiting() == 1);
            waiter.interrupt();
            waiter.join(Duration.ofSeconds(5));
            assertInstanceOf(InterruptedIOException.class, failure.get());
            assertTrue(failure.get().getMessage().contains(server.uri()), failure.get().getMessage());
            assertTrue(flagKept.get());
            assertEquals(new ConnectionPool.Stats(0, 1, 0), pool.stats(server.uri()));
        }
    }

    @Test
    void anIdleConnectionPastTheIdleTimeoutIsClosedAndReplaced() throws Exception {
        PoolOptions options = PoolOptions.builder().idleTimeout(Duration.ofSeconds(30)).build();
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), PeerServer.numberedEcho()); Pool pool = pool(options)) {
            try (Connection connection = pool.connect(server.uri())) {
                assertEquals("1:a", ask(connection, "a"));
            }
            now.addAndGet(Duration.ofSeconds(29).toNanos());
            try (Connection connection = pool.connect(server.uri())) {
                assertEquals("1:b", ask(connection, "b"));
            }
            now.addAndGet(Duration.ofSeconds(31).toNanos());
            try (Connection connection = pool.connect(server.uri())) {
                assertEquals("2:c", ask(connection, "c"));
            }
            await().until(() -> server.open() == 1);
        }
    }

    @Test
    void idleConnectionsOfOtherEndpointsAreClosedByTheSweep() throws Exception {
        PoolOptions options = PoolOptions.builder().idleTimeout(Duration.ofSeconds(30)).build();
        try (PeerServer idle = PeerServer.start(listenUri(), serverOptions(), PeerServer.numberedEcho());
                PeerServer busy = PeerServer.start(listenUri().replace("server", "busy"), serverOptions(), PeerServer.numberedEcho());
                Pool pool = pool(options)) {
            pool.connect(idle.uri()).close();
            now.addAndGet(Duration.ofSeconds(31).toNanos());
            pool.connect(busy.uri()).close();
            await().until(() -> idle.open() == 0);
            assertFalse(pool.stats().containsKey(dev.shuttle.Endpoint.parse(idle.uri())));
        }
    }

    @Test
    void aConnectionPastItsLifetimeIsClosedWhenGivenBack() throws Exception {
        PoolOptions options = PoolOptions.builder().maxLifetime(Duration.ofMinutes(1)).build();
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), PeerServer.numberedEcho()); Pool pool = pool(options)) {
            try (Connection connection = pool.connect(server.uri())) {
                now.addAndGet(Duration.ofSeconds(61).toNanos());
                assertEquals("1:a", ask(connection, "a"));
            }
            assertEquals(ConnectionPool.Stats.NONE, pool.stats(server.uri()));
            await().until(() -> server.open() == 0);
        }
    }

    @Test
    void maxIdleClosesTheConnectionsBeyondIt() throws Exception {
        PoolOptions options = PoolOptions.builder().maxIdlePerEndpoint(1).build();
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), PeerServer.numberedEcho()); Pool pool = pool(options)) {
            Connection first = pool.connect(server.uri());
            Connection second = pool.connect(server.uri());
            first.close();
            second.close();
            assertEquals(new ConnectionPool.Stats(1, 0, 0), pool.stats(server.uri()));
            await().until(() -> server.open() == 1);
        }
    }

    @Test
    void closeClosesIdleConnectionsAtOnceAndThoseInUseWhenGivenBack() throws Exception {
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), PeerServer.numberedEcho())) {
            Pool pool = pool();
            Connection idle = pool.connect(server.uri());
            Connection inUse = pool.connect(server.uri());
            idle.close();
            pool.close();
            await().until(() -> server.open() == 1);
            assertEquals("2:still", ask(inUse, "still"));
            inUse.close();
            await().until(() -> server.open() == 0);
            IllegalStateException closed = assertThrows(IllegalStateException.class, () -> pool.connect(server.uri()));
            assertTrue(closed.getMessage().contains("closed") && closed.getMessage().contains(server.uri()), closed.getMessage());
            pool.close();
        }
    }

    @Test
    void closeWakesWaitingConnects() throws Exception {
        PoolOptions one = PoolOptions.builder().maxConnectionsPerEndpoint(1).maxWait(Duration.ofMinutes(1)).build();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), PeerServer.numberedEcho())) {
            Pool pool = pool(one);
            Connection held = pool.connect(server.uri());
            Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    pool.connect(server.uri()).close();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            await().until(() -> pool.stats(server.uri()).waiting() == 1);
            pool.close();
            waiter.join(Duration.ofSeconds(5));
            assertInstanceOf(IllegalStateException.class, failure.get());
            held.close();
        }
    }

    @Test
    void aFailedConnectFreesItsPlace() throws Exception {
        PoolOptions one = PoolOptions.builder().maxConnectionsPerEndpoint(1).maxWait(Duration.ZERO).build();
        String uri;
        try (PeerServer server = PeerServer.start(listenUri(), serverOptions(), PeerServer.numberedEcho())) {
            uri = server.uri();
        }
        try (Pool pool = pool(one)) {
            assertThrows(IOException.class, () -> pool.connect(uri));
            assertThrows(IOException.class, () -> pool.connect(uri)); // not a wait for a slot
            assertEquals(ConnectionPool.Stats.NONE, pool.stats(uri));
        }
    }
}
