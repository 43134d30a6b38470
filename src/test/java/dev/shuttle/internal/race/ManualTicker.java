package dev.shuttle.internal.race;

import dev.shuttle.testing.Bounded;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A clock that moves only when a test says so, and tells what deadline the race waits for. */
final class ManualTicker implements Ticker {
    private volatile long now = 1_000_000_000L;
    private final Map<Condition, ReentrantLock> waiting = new ConcurrentHashMap<>();
    private volatile long waitingUntil = -1;
    private final java.util.concurrent.atomic.AtomicLong waits = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void awaitUntil(ReentrantLock lock, Condition condition, long deadline) throws InterruptedException {
        if (deadline != Long.MAX_VALUE && deadline - now <= 0) {
            return;
        }
        waiting.put(condition, lock);
        waitingUntil = deadline;
        waits.incrementAndGet();
        try {
            if (!condition.await(Bounded.BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new AssertionError("nobody moved the clock or signalled within " + Bounded.BOUND);
            }
        } finally {
            waitingUntil = -1;
            waiting.remove(condition);
        }
    }

    /** Moves the clock on and wakes whoever waits. */
    void advance(Duration by) {
        now += by.toNanos();
        waiting.forEach((condition, lock) -> {
            lock.lock();
            try {
                condition.signalAll();
            } finally {
                lock.unlock();
            }
        });
    }

    /** {@return how many waits have begun: a new one means the race has looked at its state again} */
    long waits() {
        return waits.get();
    }

    /** {@return whether the race waits, and for how long from now: -1 not waiting, MAX_VALUE for ever} */
    long waitingFor() {
        long until = waitingUntil;
        if (until == -1) {
            return -1;
        }
        return until == Long.MAX_VALUE ? Long.MAX_VALUE : until - now;
    }
}
