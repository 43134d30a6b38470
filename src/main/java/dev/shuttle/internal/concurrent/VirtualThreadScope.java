package dev.shuttle.internal.concurrent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link TaskScope} on plain virtual threads, with the semantics of the structured one: owner-only
 * fork, join and close; a task returning {@code true} or the deadline interrupts the rest; close
 * waits for every thread.
 */
final class VirtualThreadScope implements TaskScope {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread owner = Thread.currentThread();
    private final ThreadFactory threads;
    private final long deadline;
    private final Set<Thread> running = new HashSet<>();
    private final List<Thread> started = new ArrayList<>();
    private boolean stopped;
    private boolean joined;
    private boolean closed;

    VirtualThreadScope(String name, Duration timeout) {
        this.threads = ShuttleThreads.factory(name);
        this.deadline = timeout == null ? 0 : System.nanoTime() + Math.max(1, timeout.toNanos());
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
            Thread thread = threads.newThread(() -> run(task, self[0]));
            self[0] = thread;
            running.add(thread);
            started.add(thread);
            thread.start();
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
                if (deadline == 0) {
                    changed.await();
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    stopLocked();
                    throw new TimeoutException("deadline of the task scope passed");
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        checkOwner("close");
        List<Thread> toWait;
        lock.lock();
        try {
            closed = true;
            stopLocked();
            toWait = List.copyOf(started);
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        for (Thread thread : toWait) {
            while (true) {
                try {
                    thread.join();
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
        if (!stopped) {
            stopped = true;
            for (Thread thread : running) {
                thread.interrupt();
            }
        }
    }

    private void checkOwner(String what) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("only the thread that opened the scope may " + what);
        }
    }
}
