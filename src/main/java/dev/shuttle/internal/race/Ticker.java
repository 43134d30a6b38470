package dev.shuttle.internal.race;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The time a race sees, and its way of waiting for a deadline: the system clock in production, a
 * clock moved by hand in unit tests, so that every RFC 8305 timing rule can be tested without
 * sleeping.
 */
public interface Ticker {

    /** The system's monotonic clock. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void awaitUntil(ReentrantLock lock, Condition condition, long deadline) throws InterruptedException {
            if (deadline == Long.MAX_VALUE) {
                condition.await();
            } else {
                condition.awaitNanos(deadline - System.nanoTime());
            }
        }
    };

    /** {@return the current time in nanoseconds, only meaningful as a difference} */
    long nanoTime();

    /**
     * Waits, holding {@code lock}, until the condition is signalled or the deadline passes
     * (spurious wake-ups allowed: callers re-check).
     *
     * @param lock the lock the caller holds
     * @param condition a condition of that lock
     * @param deadline a {@link #nanoTime()} value, or {@link Long#MAX_VALUE} for none
     * @throws InterruptedException if the thread is interrupted
     */
    void awaitUntil(ReentrantLock lock, Condition condition, long deadline) throws InterruptedException;
}
