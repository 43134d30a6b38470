package dev.shuttle.internal.pool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.pool.ConnectionPool;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.pool.PoolOptions;
import dev.shuttle.testing.FakeConnection;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The pool's counting and closing, over connections that open nothing. */
class PoolBookkeepingTest {
    private static final String URI = "tcp://127.0.0.1:7000";
    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

    private final AtomicLong now = new AtomicLong();
    private final List<CountingConnection> opened = new CopyOnWriteArrayList<>();
    private final Connector connector = uri -> {
        CountingConnection connection = new CountingConnection(new FakeConnection(uri));
        opened.add(connection);
        return connection;
    };

    @Test
    void discardClosesTheConnectionOnce() throws Exception {
        try (Pool pool = new Pool(connector, PoolOptions.defaults(), now::get)) {
            ConnectionPool.discard(pool.connect(URI));
            assertEquals(1, opened.getFirst().closes.get());
            assertEquals(ConnectionPool.Stats.NONE, pool.stats(URI));
        }
    }

    @Test
    void aWaiterInterruptedAsItIsGrantedAConnectionKeepsMaxIdle() throws Exception {
        PoolOptions options = PoolOptions.builder().maxConnectionsPerEndpoint(1).maxIdlePerEndpoint(0).maxWait(FOREVER).build();
        try (Pool pool = new Pool(connector, options, now::get)) {
            Connection held = pool.connect(URI);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    pool.connect(URI).close();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            await().until(() -> pool.stats(URI).waiting() == 1);
            // Line up the race: the waiter is interrupted, and granted the connection before it
            // gets the lock back to leave the line.
            pool.lock.lock();
            try {
                waiter.interrupt();
                await().until(() -> pool.lock.hasQueuedThread(waiter));
                held.close();
            } finally {
                pool.lock.unlock();
            }
            assertTrue(waiter.join(Duration.ofSeconds(10)));
            assertInstanceOf(InterruptedIOException.class, failure.get());
            assertEquals(ConnectionPool.Stats.NONE, pool.stats(URI));
            assertEquals(1, opened.getFirst().closes.get());
        }
    }

    @Test
    void durationsTooLongForNanosecondsMeanForever() throws Exception {
        PoolOptions options = PoolOptions.builder().maxConnectionsPerEndpoint(1)
                .idleTimeout(FOREVER).maxLifetime(FOREVER).maxWait(FOREVER).build();
        try (Pool pool = new Pool(connector, options, now::get)) {
            Connection held = pool.connect(URI);
            AtomicReference<Connection> served = new AtomicReference<>();
            Thread waiter = Thread.ofVirtual().start(() -> {
                try (Connection connection = pool.connect(URI)) {
                    served.set(connection);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            await().until(() -> pool.stats(URI).waiting() == 1);
            now.addAndGet(Duration.ofDays(365 * 100).toNanos());
            held.close();
            assertTrue(waiter.join(Duration.ofSeconds(10)));
            assertSame(opened.getFirst(), served.get().unwrap(CountingConnection.class).orElseThrow());
            assertEquals(1, opened.size());
        }
    }

    @Test
    void anIdleTimeoutOfZeroKeepsConnectionsForAnyTime() throws Exception {
        try (Pool pool = new Pool(connector, PoolOptions.builder().idleTimeout(Duration.ZERO).build(), now::get)) {
            pool.connect(URI).close();
            now.addAndGet(Duration.ofDays(365).toNanos());
            pool.connect(URI).close();
            assertEquals(1, opened.size());
            assertEquals(new ConnectionPool.Stats(1, 0, 0), pool.stats(URI));
        }
    }

    @Test
    void aConnectClosesEveryExpiredIdleConnectionOfItsEndpointNotOnlyThoseAheadOfAFreshOne() throws Exception {
        PoolOptions options = PoolOptions.builder().idleTimeout(Duration.ofSeconds(60)).build();
        try (Pool pool = new Pool(connector, options, now::get)) {
            Connection first = pool.connect(URI);
            Connection second = pool.connect(URI);
            first.close(); // idle since 0 s
            now.addAndGet(Duration.ofSeconds(50).toNanos());
            second.close(); // idle since 50 s, ahead of the first (newest first); this give-back sweeps
            now.addAndGet(Duration.ofSeconds(11).toNanos()); // 61 s: the first has expired, no sweep is due

            Connection reused = pool.connect(URI);

            assertSame(opened.get(1), reused.unwrap(CountingConnection.class).orElseThrow());
            assertEquals(1, opened.getFirst().closes.get(), "the expired idle connection is closed by this connect");
            assertEquals(new ConnectionPool.Stats(0, 1, 0), pool.stats(URI));
            reused.close();
        }
    }

    /** A connection that counts how often it is closed. */
    private static final class CountingConnection implements Connection {
        final AtomicInteger closes = new AtomicInteger();
        private final FakeConnection fake;

        CountingConnection(FakeConnection fake) {
            this.fake = fake;
        }

        @Override
        public InputStream input() {
            return fake.input();
        }

        @Override
        public OutputStream output() {
            return fake.output();
        }

        @Override
        public Endpoint remoteAddress() {
            return fake.remoteAddress();
        }

        @Override
        public Endpoint localAddress() {
            return fake.localAddress();
        }

        @Override
        public void setReadTimeout(Duration timeout) {}

        @Override
        public Duration readTimeout() {
            return Duration.ZERO;
        }

        @Override
        public void setWriteTimeout(Duration timeout) {}

        @Override
        public Duration writeTimeout() {
            return Duration.ZERO;
        }

        @Override
        public void shutdownOutput() {}

        @Override
        public boolean isOpen() {
            return fake.isOpen();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            fake.close();
        }

        @Override
        public <T> Optional<T> unwrap(Class<T> type) {
            return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
        }
    }
}
