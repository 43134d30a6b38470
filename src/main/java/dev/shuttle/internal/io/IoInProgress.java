package dev.shuttle.internal.io;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the reads and writes in progress on a connection, so that an {@link IdleCheck} can refuse
 * to run while one does instead of blocking on it, and no read or write starts while the check
 * runs (the check switches the channel's mode, which waits for the channel's own locks).
 *
 * <p>Reads and writes pass each other freely: each costs one compare-and-set on the way in and
 * one decrement on the way out. Only an I/O call arriving during a check (a few microseconds)
 * waits for it, yielding.
 */
public final class IoInProgress {
    private static final int CHECKING = -1;

    /** Reads and writes in progress, or {@link #CHECKING}. */
    private final AtomicInteger state = new AtomicInteger();

    /** Called before a read or write; waits only while an idle check runs. */
    public void enter() {
        while (true) {
            int now = state.get();
            if (now >= 0) {
                if (state.compareAndSet(now, now + 1)) {
                    return;
                }
            } else {
                Thread.yield();
            }
        }
    }

    /** Called after a read or write, however it ended. */
    public void exit() {
        state.decrementAndGet();
    }

    /**
     * Starts an idle check if no read or write is in progress; new ones wait until
     * {@link #endCheck()}.
     *
     * @return whether the check may run; {@code false}: the connection is busy, so not idle
     */
    public boolean tryCheck() {
        return state.compareAndSet(0, CHECKING);
    }

    /** Ends a check started by {@link #tryCheck()}. */
    public void endCheck() {
        state.set(0);
    }
}
