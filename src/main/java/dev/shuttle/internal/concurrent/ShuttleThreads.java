package dev.shuttle.internal.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates every thread Shuttle starts: virtual, named, and counted while they run, so tests can
 * prove that no thread outlives the call that started it.
 */
public final class ShuttleThreads {
    private static final AtomicInteger LIVE = new AtomicInteger();

    private ShuttleThreads() {}

    /**
     * {@return a factory of virtual threads named {@code prefix-0}, {@code prefix-1}, ...}
     *
     * @param prefix the name prefix
     */
    public static ThreadFactory factory(String prefix) {
        ThreadFactory virtual = Thread.ofVirtual().name(prefix + "-", 0).factory();
        return task -> virtual.newThread(counted(task));
    }

    /**
     * Starts one named virtual thread that does not inherit the caller's inheritable thread-locals:
     * such a thread may outlive the caller's request (an acceptor, a DNS query whose answer fills
     * the cache later) and must not keep its context alive.
     *
     * @param name the thread's name
     * @param task what it runs
     * @return the started thread
     */
    public static Thread start(String name, Runnable task) {
        return Thread.ofVirtual().name(name).inheritInheritableThreadLocals(false).start(counted(task));
    }

    /** {@return how many threads started here are still running their task} */
    public static int live() {
        return LIVE.get();
    }

    private static Runnable counted(Runnable task) {
        return () -> {
            LIVE.incrementAndGet();
            try {
                task.run();
            } finally {
                LIVE.decrementAndGet();
            }
        };
    }
}
