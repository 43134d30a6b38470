package dev.shuttle.internal.combinator;

import java.time.Duration;

/** Waits for a while; the real one sleeps, tests give one they control. */
@FunctionalInterface
public interface Sleeper {

    /** The real sleeper: {@link Thread#sleep(Duration)}. */
    Sleeper REAL = Thread::sleep;

    /**
     * Waits.
     *
     * @param duration how long
     * @throws InterruptedException if the thread was interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}
