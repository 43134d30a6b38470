package dev.shuttle.internal.server.serve;

import dev.shuttle.Connection;
import dev.shuttle.internal.io.IdleClosedException;
import dev.shuttle.internal.io.IdleWatched;
import dev.shuttle.internal.io.Timeouts;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A server's idle timeout ({@code ServerOptions.idleTimeout}): the served connections it watches,
 * and the sweep that closes those with no read or write for the timeout. One sweeper per server
 * wakes every quarter of the timeout (at most a second apart, at least a millisecond), so a
 * connection is closed at most that long after its timeout has passed; between sweeps nothing
 * runs, and a watched connection costs a set entry and a clock reading per read or write. Each
 * connection it closes is reported once, as it is closed, whether a call was using it or not.
 */
final class IdleTimeout {
    private static final long MAX_PERIOD_NANOS = 1_000_000_000L;
    private static final long MIN_PERIOD_NANOS = 1_000_000L;

    private final Duration timeout;
    private final long timeoutNanos;
    private final LongSupplier clock;
    private final Consumer<IdleClosedException> closed;
    private final Set<IdleWatched> watched = ConcurrentHashMap.newKeySet();

    /**
     * @param timeout the idle timeout, {@link Duration#ZERO} for none
     * @param clock a nanosecond clock ({@link System#nanoTime} but in tests)
     * @param closed told of each connection a sweep closed, after closing it, with the reason
     *     (on the sweeping thread)
     */
    IdleTimeout(Duration timeout, LongSupplier clock, Consumer<IdleClosedException> closed) {
        this.timeout = timeout;
        this.timeoutNanos = Timeouts.nanos(timeout);
        this.clock = clock;
        this.closed = closed;
    }

    /** {@return whether connections are watched at all} */
    boolean enabled() {
        return timeoutNanos > 0;
    }

    /** {@return how long the sweeper waits between sweeps} */
    long periodNanos() {
        return Math.clamp(timeoutNanos / 4, MIN_PERIOD_NANOS, MAX_PERIOD_NANOS);
    }

    /**
     * {@return the connection as its handler sees it: watched if there is a timeout, else as given}
     *
     * @param connection a served connection, after its setup (the TLS handshake)
     */
    Connection track(Connection connection) {
        if (!enabled()) {
            return connection;
        }
        IdleTrackedConnection tracked = new IdleTrackedConnection(connection, clock, this);
        watched.add(tracked);
        return tracked;
    }

    /** Watches a connection that tracks its own activity (one waiting in a readiness loop). */
    void watch(IdleWatched connection) {
        if (enabled()) {
            connection.watchedForIdleness();
            watched.add(connection);
        }
    }

    /** Stops watching a connection (closed, or its socket taken). */
    void forget(IdleWatched connection) {
        watched.remove(connection);
    }

    /** {@return how many connections are watched} (for tests) */
    int watchedCount() {
        return watched.size();
    }

    /**
     * Closes every watched connection idle for the timeout or longer, stops watching it, and
     * reports it. What the report throws ends the sweep: the rest waits for the next one.
     */
    void sweep() {
        long now = clock.getAsLong();
        for (IdleWatched connection : watched) {
            if (now - connection.lastActivity() >= timeoutNanos && watched.remove(connection)) {
                IdleClosedException why = new IdleClosedException("Connection from " + peer(connection)
                        + " closed: no read or write for " + Timeouts.seconds(timeout) + " (the server's idle timeout)");
                connection.closeIdle(why);
                closed.accept(why);
            }
        }
    }

    private static String peer(IdleWatched connection) {
        return connection instanceof Connection c ? String.valueOf(c.remoteAddress()) : "a client";
    }
}
