package dev.shuttle.internal.pool;

import dev.shuttle.ConnectListener;
import dev.shuttle.ConnectListener.Eviction;
import dev.shuttle.Connection;
import dev.shuttle.pool.ConnectionPool;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.internal.race.SafeListener;
import dev.shuttle.pool.PoolOptions;
import dev.shuttle.internal.io.IdleCheck;
import dev.shuttle.internal.io.Timeouts;
import dev.shuttle.internal.uri.DatagramScheme;
import java.io.IOException;
import java.util.Objects;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * {@link ConnectionPool}: per-endpoint {@link EndpointSlots} under one lock. The lock guards only
 * counts and queues; every connect, check and close happens after it is released.
 */
public final class Pool implements ConnectionPool {
    private final Connector connector;
    /** The options' listener, its RuntimeExceptions logged and ignored, as ConnectListener promises. */
    private final ConnectListener listener;
    private final PoolOptions options;
    private final Expiry expiry;
    private final LongSupplier clock;
    /** Package-private for tests, which hold it to line up a race. */
    final ReentrantLock lock = new ReentrantLock();
    private final Map<Endpoint, EndpointSlots> endpoints = new HashMap<>();
    private boolean closed;
    private long nextSweep;

    /**
     * Creates the pool.
     *
     * @param connector opens the connections
     * @param options the limits and timeouts
     */
    public Pool(Connector connector, PoolOptions options) {
        this(connector, options, System::nanoTime);
    }

    /**
     * Creates the pool with a clock for idle timeouts and lifetimes (waiting for a free connection
     * always takes real time).
     *
     * @param connector opens the connections
     * @param options the limits and timeouts
     * @param clock nanoseconds, as {@link System#nanoTime()}
     */
    public Pool(Connector connector, PoolOptions options, LongSupplier clock) {
        this.connector = connector;
        this.listener = SafeListener.of(options.listener());
        this.options = options;
        this.expiry = Expiry.of(options);
        this.clock = clock;
        this.nextSweep = clock.getAsLong() + expiry.sweepPeriodNanos();
    }

    @Override
    public Connection connect(Endpoint endpoint) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        DatagramScheme.refuseConnect(endpoint);
        IdleConnection idle = borrow(endpoint).orElse(null);
        if (idle != null) {
            if (quiet(idle.connection())) {
                return acquired(endpoint, idle.connection(), idle.openedAt(), true);
            }
            // The peer closed it or sent something while it idled: open a new one in its place.
            Evictions stale = new Evictions();
            stale.evict(idle.connection(), endpoint, Eviction.CLOSED_BY_PEER);
            try {
                stale.closeAll(listener);
            } catch (Error e) {
                giveBackSlot(endpoint);
                throw e;
            }
        }
        Connection opened;
        try {
            opened = connector.connect(endpoint);
        } catch (IOException | RuntimeException | Error e) {
            giveBackSlot(endpoint);
            throw e;
        }
        return acquired(endpoint, opened, clock.getAsLong(), false);
    }

    /** Tells the listener, then hands the connection out; an Error from the listener closes it and frees its slot. */
    private Connection acquired(Endpoint endpoint, Connection connection, long openedAt, boolean reused) {
        try {
            listener.poolConnectionAcquired(endpoint, reused);
        } catch (Error e) {
            connection.close();
            giveBackSlot(endpoint);
            throw e;
        }
        return new PooledConnection(this, endpoint, connection, openedAt);
    }

    private static boolean quiet(Connection connection) {
        return connection instanceof IdleCheck check ? check.quiet() : connection.isOpen();
    }

    /** Takes an idle connection, or (empty) a slot to open one, waiting in line if needed. */
    private Optional<IdleConnection> borrow(Endpoint endpoint) throws IOException {
        Evictions toClose = new Evictions();
        lock.lock();
        try {
            if (closed) {
                throw closedError(endpoint);
            }
            long now = clock.getAsLong();
            sweepIfDue(now, toClose);
            EndpointSlots slots = endpoints.computeIfAbsent(endpoint, EndpointSlots::new);
            if (slots.waiters.isEmpty()) {
                IdleConnection idle = slots.takeFresh(expiry, now, toClose);
                if (idle != null || slots.total() < options.maxConnectionsPerEndpoint()) {
                    slots.inUse++;
                    return Optional.ofNullable(idle);
                }
            }
            return awaitTurn(endpoint, slots, toClose);
        } finally {
            lock.unlock();
            toClose.closeAll(listener);
        }
    }

    private Optional<IdleConnection> awaitTurn(Endpoint endpoint, EndpointSlots slots, Evictions toClose)
            throws IOException {
        long left = Timeouts.nanos(options.maxWait());
        if (left == 0) {
            tidy(endpoint, slots);
            throw exhausted(endpoint);
        }
        Waiter waiter = new Waiter(lock.newCondition());
        slots.waiters.addLast(waiter);
        try {
            while (!waiter.hasGrant && !closed && left > 0) {
                left = waiter.granted.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            leaveLine(endpoint, slots, waiter, toClose);
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException(
                    "Interrupted while waiting for a pooled connection to " + endpoint);
            interrupted.initCause(e);
            throw interrupted;
        }
        if (closed) {
            leaveLine(endpoint, slots, waiter, toClose);
            throw closedError(endpoint);
        }
        if (!waiter.hasGrant) {
            leaveLine(endpoint, slots, waiter, toClose);
            throw exhausted(endpoint);
        }
        return Optional.ofNullable(waiter.grant);
    }

    /** A waiter gives up: out of the line, and whatever it was granted meanwhile goes on. */
    private void leaveLine(Endpoint endpoint, EndpointSlots slots, Waiter waiter, Evictions toClose) {
        if (!waiter.hasGrant) {
            slots.waiters.remove(waiter);
        } else {
            slots.inUse--;
            IdleConnection granted = waiter.grant;
            if (granted != null) {
                if (closed || slots.idle.size() >= options.maxIdlePerEndpoint() && slots.waiters.isEmpty()) {
                    toClose.evict(granted.connection(), endpoint, closed ? Eviction.POOL_CLOSED : Eviction.POOL_FULL);
                } else {
                    slots.idle.addFirst(granted); // for the next waiter, if any, just below
                }
            }
            serveWaiters(slots, clock.getAsLong(), toClose);
        }
        tidy(endpoint, slots);
    }

    /**
     * Takes a connection back. A reusable one goes to the first waiter or the idle queue; any other
     * is closed and its slot goes to the first waiter.
     */
    void giveBack(PooledConnection pooled, boolean reusable) {
        Evictions toClose = new Evictions();
        lock.lock();
        try {
            long now = clock.getAsLong();
            EndpointSlots slots = endpoints.get(pooled.endpoint());
            slots.inUse--;
            if (reusable && !closed && !expiry.tooOld(pooled.openedAt(), now)) {
                IdleConnection idle = new IdleConnection(pooled.underneath(), pooled.openedAt(), now);
                if (!slots.waiters.isEmpty()) {
                    slots.inUse++;
                    slots.waiters.pollFirst().grant(idle);
                } else if (slots.idle.size() < options.maxIdlePerEndpoint()) {
                    slots.idle.addFirst(idle);
                } else {
                    toClose.evict(pooled.underneath(), pooled.endpoint(), Eviction.POOL_FULL);
                }
            } else if (reusable) {
                toClose.evict(pooled.underneath(), pooled.endpoint(), closed ? Eviction.POOL_CLOSED : Eviction.EXPIRED);
            } else {
                toClose.add(pooled.underneath());
            }
            serveWaiters(slots, now, toClose);
            tidy(pooled.endpoint(), slots);
            sweepIfDue(now, toClose);
        } finally {
            lock.unlock();
            toClose.closeAll(listener);
        }
    }

    private void giveBackSlot(Endpoint endpoint) {
        Evictions toClose = new Evictions();
        lock.lock();
        try {
            EndpointSlots slots = endpoints.get(endpoint);
            slots.inUse--;
            serveWaiters(slots, clock.getAsLong(), toClose);
            tidy(endpoint, slots);
        } finally {
            lock.unlock();
            toClose.closeAll(listener);
        }
    }

    /** Grants room to waiters, in line, while the endpoint has an idle connection or a free slot. */
    private void serveWaiters(EndpointSlots slots, long now, Evictions toClose) {
        while (!slots.waiters.isEmpty() && !closed) {
            IdleConnection idle = slots.takeFresh(expiry, now, toClose);
            if (idle == null && slots.total() >= options.maxConnectionsPerEndpoint()) {
                return;
            }
            slots.inUse++;
            slots.waiters.pollFirst().grant(idle);
        }
    }

    private void tidy(Endpoint endpoint, EndpointSlots slots) {
        if (slots.empty()) {
            endpoints.remove(endpoint, slots);
        }
    }

    private void sweepIfDue(long now, Evictions toClose) {
        if (now - nextSweep < 0) {
            return;
        }
        nextSweep = now + expiry.sweepPeriodNanos();
        for (var it = endpoints.entrySet().iterator(); it.hasNext(); ) {
            EndpointSlots slots = it.next().getValue();
            slots.evict(expiry, now, toClose);
            serveWaiters(slots, now, toClose);
            if (slots.empty()) {
                it.remove();
            }
        }
    }

    @Override
    public Map<Endpoint, Stats> stats() {
        lock.lock();
        try {
            Map<Endpoint, Stats> stats = new LinkedHashMap<>();
            endpoints.forEach((endpoint, slots) -> stats.put(endpoint, slots.stats()));
            return Map.copyOf(stats);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Stats stats(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        lock.lock();
        try {
            EndpointSlots slots = endpoints.get(endpoint);
            return slots == null ? Stats.NONE : slots.stats();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Evictions toClose = new Evictions();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (EndpointSlots slots : endpoints.values()) {
                slots.idle.forEach(idle -> toClose.evict(idle.connection(), slots.endpoint, Eviction.POOL_CLOSED));
                slots.idle.clear();
                slots.waiters.forEach(waiter -> waiter.granted.signal());
            }
            endpoints.values().removeIf(EndpointSlots::empty);
        } finally {
            lock.unlock();
            toClose.closeAll(listener);
        }
    }

    private SocketTimeoutException exhausted(Endpoint endpoint) {
        int max = options.maxConnectionsPerEndpoint();
        String waited = options.maxWait().isZero()
                ? "at once (maxWait is zero)"
                : "within " + Timeouts.seconds(options.maxWait());
        return new SocketTimeoutException("No pooled connection to " + endpoint + " became free " + waited
                + ": all " + max + (max == 1 ? " connection" : " connections")
                + " of maxConnectionsPerEndpoint are in use");
    }

    private static IllegalStateException closedError(Endpoint endpoint) {
        return new IllegalStateException("The connection pool is closed: cannot connect to " + endpoint);
    }

    @Override
    public String toString() {
        return "ConnectionPool(" + options + ", " + connector + ")";
    }
}
