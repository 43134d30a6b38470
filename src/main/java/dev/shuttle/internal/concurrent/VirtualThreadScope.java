package dev.shuttle.internal.concurrent;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link TaskScope} on plain virtual threads, with the semantics of the structured one: owner-only
 * fork, join and close; a task returning {@code true} or the deadline interrupts the rest; close
 * waits for every thread; tasks see the {@linkplain CarriedScopedValues carried scoped values} as
 * the owner saw them when it opened the scope.
 */
final class VirtualThreadScope implements TaskScope {
    /** A timeout this long or longer ("for ever") is no deadline; its nanoseconds may overflow. */
    private static final Duration CENTURY = Duration.ofDays(36_525);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread owner = Thread.currentThread();
    private final ThreadFactory threads;
    private final ScopedValue.Carrier bindings = CarriedScopedValues.capture();
    private final long deadline;
    private final Set<Thread> running = new HashSet<>();
    private final Thread watchdog;
    private boolean stopped;
    private boolean timedOut;
    private boolean joined;
    private boolean closed;

    VirtualThreadScope(String name, Duration timeout) {
        this.threads = ShuttleThreads.factory(name);
        // Such as ChronoUnit.FOREVER.getDuration() or Duration.ofSeconds(Long.MAX_VALUE): toNanos()
        // would throw. Below a century, deadline - System.nanoTime() cannot overflow either.
        boolean bounded = timeout != null && timeout.compareTo(CENTURY) < 0;
        this.deadline = bounded ? System.nanoTime() + Math.max(1, timeout.toNanos()) : 0;
        // As StructuredTaskScope does, the deadline cancels the tasks whether or not the owner
        // has joined yet.
        this.watchdog = bounded ? ShuttleThreads.start(name + "-deadline", this::cancelAtDeadline) : null;
    }

    private void cancelAtDeadline() {
        lock.lock();
        try {
            long left;
            while (!closed && !stopped && (left = deadline - System.nanoTime()) > 0) {
                changed.awaitNanos(left);
            }
            if (!closed && !stopped) {
                timedOut = true;
                stopLocked();
                changed.signalAll();
            }
        } catch (InterruptedException e) {
            // Nobody interrupts the watchdog; if it happens, the deadline is simply not enforced.
        } finally {
            lock.unlock();
        }
    }

    static TaskScopeFactory factory() {
        return new TaskScopeFactory() {
            @Override
            public TaskScope open(String name, Duration timeout) {
                return new VirtualThreadScope(name, timeout);
            }

            @Override
            public String kind() {
                return "virtual";
            }
        };
    }

    @Override
    public void fork(Task task) {
        checkOwner("fork");
        lock.lock();
        try {
            if (joined || closed) {
                throw new IllegalStateException("cannot fork after join or close");
            }
            if (stopped) {
                return;
            }
            Thread[] self = new Thread[1];
            // As StructuredTaskScope does, the task sees the scoped values bound when the scope opened.
            Thread thread = threads.newThread(CarriedScopedValues.within(bindings, () -> run(task, self[0])));
            self[0] = thread;
            thread.start(); // first: a thread that failed to start is not waited for
            running.add(thread); // its task's end takes the lock, held here: it cannot end before this
        } finally {
            lock.unlock();
        }
    }

    private void run(Task task, Thread self) {
        boolean stop = false;
        try {
            stop = task.run();
        } catch (Throwable ignored) {
            // Tasks record their own failures; a throwing task does not stop the scope.
        } finally {
            lock.lock();
            try {
                running.remove(self);
                if (stop) {
                    stopLocked();
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void join() throws InterruptedException, TimeoutException {
        checkOwner("join");
        lock.lock();
        try {
            joined = true;
            while (!stopped && !running.isEmpty()) {
                changed.await();
            }
            if (timedOut) {
                throw new TimeoutException("deadline of the task scope passed");
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        checkOwner("close");
        boolean interrupted = false;
        lock.lock();
        try {
            closed = true;
            stopLocked();
            // Only running threads are kept: a finished task, and all it captured, is garbage at
            // once, as in StructuredTaskScope (a server forks one task per connection).
            while (!running.isEmpty()) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (watchdog != null) {
            while (true) {
                try {
                    watchdog.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopLocked() {
        changed.signalAll();
        if (!stopped) {
            stopped = true;
            for (Thread thread : running) {
                thread.interrupt();
            }
        }
    }

    private void checkOwner(String what) {
        if (Thread.currentThread() != owner) {
            throw new WrongThreadException("only the thread that opened the scope may " + what);
        }
    }
}
