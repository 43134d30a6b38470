package dev.shuttle.internal.tls;

import dev.shuttle.internal.concurrent.ShuttleThreads;
import dev.shuttle.internal.io.Timeouts;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounds a whole handshake, not just each read: a small virtual thread closes the transport when
 * the deadline passes, which makes the blocked handshake fail at once. A read timeout alone would
 * let a peer that sends one byte every few seconds hold the handshake for ever.
 *
 * <p>Exactly one of "finished" and "expired" wins: a handshake that completes at the deadline is
 * either kept whole or closed and reported as timed out, never half of each.
 */
public final class HandshakeDeadline implements AutoCloseable {
    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int EXPIRED = 2;

    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final Duration timeout;
    private final Thread watchdog;

    private HandshakeDeadline(Duration timeout, AutoCloseable transport) {
        this.timeout = timeout;
        long deadline = Timeouts.deadline(System.nanoTime(), timeout);
        this.watchdog = ShuttleThreads.start("shuttle-tls-handshake-deadline", () -> watch(deadline, transport));
    }

    /**
     * Starts the clock.
     *
     * @param timeout how long the handshake may take
     * @param transport what to close when it takes longer
     * @return the running deadline; close it when the handshake ends
     */
    public static HandshakeDeadline start(Duration timeout, AutoCloseable transport) {
        return new HandshakeDeadline(timeout, transport);
    }

    private void watch(long deadline, AutoCloseable transport) {
        while (state.get() == RUNNING) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (state.compareAndSet(RUNNING, EXPIRED)) {
                    try {
                        transport.close();
                    } catch (Exception ignored) {
                        // Closing is all a deadline can do; the handshake fails either way.
                    }
                }
                return;
            }
            LockSupport.parkNanos(this, left);
        }
    }

    /** {@return whether the deadline passed and closed the transport} */
    public boolean expired() {
        return state.get() == EXPIRED;
    }

    /** {@return the timeout} */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Marks the handshake finished and stops the watchdog.
     *
     * @return {@code true} if the handshake finished in time; {@code false} if the deadline won
     *     and the transport is closed
     */
    public boolean finish() {
        boolean inTime = state.compareAndSet(RUNNING, FINISHED);
        LockSupport.unpark(watchdog);
        return inTime;
    }

    /** Stops the watchdog if {@link #finish()} was not called (a failed handshake). */
    @Override
    public void close() {
        finish();
    }
}
