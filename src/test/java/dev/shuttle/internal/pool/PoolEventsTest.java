package dev.shuttle.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ConnectListener;
import dev.shuttle.ConnectListener.Eviction;
import dev.shuttle.Connection;
import dev.shuttle.pool.ConnectionPool;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.pool.PoolOptions;
import dev.shuttle.testing.FakeConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A pool tells its listener of each connection reused, opened and evicted, and why. */
class PoolEventsTest {
    private static final String URI = "tcp://127.0.0.1:7000";

    private final AtomicLong now = new AtomicLong();
    private final List<FakeConnection> opened = new CopyOnWriteArrayList<>();
    private final Connector connector = uri -> {
        FakeConnection connection = new FakeConnection(uri);
        opened.add(connection);
        return connection;
    };
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ConnectListener recorder = new ConnectListener() {
        @Override
        public void poolConnectionAcquired(Endpoint endpoint, boolean reused) {
            events.add((reused ? "reused " : "opened ") + endpoint);
        }

        @Override
        public void poolConnectionEvicted(Endpoint endpoint, Eviction reason) {
            events.add("evicted " + endpoint + " " + reason);
        }
    };

    @Test
    void reusedOpenedAndEvictedAreToldWithTheirReasons() throws Exception {
        PoolOptions options = PoolOptions.builder().maxIdlePerEndpoint(1).idleTimeout(Duration.ofSeconds(30))
                .listener(recorder).build();
        try (Pool pool = new Pool(connector, options, now::get)) {
            pool.connect(URI).close();
            pool.connect(URI).close();
            Connection first = pool.connect(URI);
            Connection second = pool.connect(URI);
            first.close();
            second.close(); // one idle connection at most: this one goes
            now.addAndGet(Duration.ofMinutes(1).toNanos());
            pool.connect(URI).close(); // the idle one has expired
            pool.close();
            assertEquals(List.of("opened " + URI, "reused " + URI, "reused " + URI, "opened " + URI,
                    "evicted " + URI + " POOL_FULL", "evicted " + URI + " EXPIRED", "opened " + URI,
                    "evicted " + URI + " POOL_CLOSED"), events);
        }
    }

    @Test
    void anIdleConnectionThePeerClosedIsEvictedAsSuch() throws Exception {
        try (Pool pool = new Pool(connector, PoolOptions.builder().listener(recorder).build(), now::get)) {
            pool.connect(URI).close();
            opened.getFirst().close(); // as a peer's close leaves it: no longer open
            pool.connect(URI).close();
            assertEquals(List.of("opened " + URI, "evicted " + URI + " CLOSED_BY_PEER", "opened " + URI), events);
        }
    }

    @Test
    void aRuntimeExceptionFromTheListenerIsIgnoredThroughTheFactory() throws Exception {
        ConnectListener throwing = new ConnectListener() {
            @Override
            public void poolConnectionAcquired(Endpoint endpoint, boolean reused) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (ConnectionPool pool = ConnectionPool.create(connector, PoolOptions.builder().listener(throwing).build());
                Connection connection = pool.connect(URI)) {
            assertTrue(connection.isOpen());
        }
    }

    @Test
    void anErrorFromTheListenerClosesTheConnectionAndFreesItsSlot() throws Exception {
        AssertionError bug = new AssertionError("listener bug");
        ConnectListener throwing = new ConnectListener() {
            @Override
            public void poolConnectionAcquired(Endpoint endpoint, boolean reused) {
                throw bug;
            }
        };
        PoolOptions options = PoolOptions.builder().maxConnectionsPerEndpoint(1).maxWait(Duration.ZERO).listener(throwing).build();
        try (Pool pool = new Pool(connector, options, now::get)) {
            assertSame(bug, assertThrows(AssertionError.class, () -> pool.connect(URI)));
            assertTrue(opened.getFirst().closed(), "the connection is closed");
            assertEquals(ConnectionPool.Stats.NONE, pool.stats(URI));
        }
    }
}
