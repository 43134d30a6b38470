package dev.shuttle.testing;

/**
 * Work a test runs on a virtual thread of its own, whose failure (a failed assertion included)
 * reaches the test: {@link #join()} waits, with a bound, and throws what the work threw.
 */
public final class Forked {
    /** Work that may throw anything. */
    @FunctionalInterface
    public interface Work {
        /**
         * Does the work.
         *
         * @throws Exception anything, rethrown by {@link Forked#join()}
         */
        void run() throws Exception;
    }

    private final Thread thread;
    private volatile Throwable failure;

    private Forked(Work work) {
        this.thread = Thread.ofVirtual().name("forked by a test").start(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                failure = e;
            }
        });
    }

    /**
     * Starts the work.
     *
     * @param work the work
     * @return its handle
     */
    public static Forked start(Work work) {
        return new Forked(work);
    }

    /** {@return the thread running the work} */
    public Thread thread() {
        return thread;
    }

    /**
     * Waits for the work to end, within {@link Bounded#BOUND}, and throws what it threw.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError the work's failed assertion, or if it did not end in time
     * @throws Exception what else the work threw
     */
    public void join() throws Exception {
        Bounded.join(thread);
        Throwable thrown = failure;
        switch (thrown) {
            case null -> { }
            case Error e -> throw e;
            case Exception e -> throw e;
            default -> throw new AssertionError("the forked work failed", thrown);
        }
    }
}
