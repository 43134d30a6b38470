package dev.shuttle.internal.io;

import dev.shuttle.Endpoint;
import dev.shuttle.internal.concurrent.ShuttleThreads;
import java.io.IOException;

/**
 * Runs a blocking connect so that an interrupt aborts it on any thread. A virtual thread runs it
 * itself (the JDK aborts its blocked socket calls on interrupt); a platform thread, whose socket
 * calls ignore interrupts, hands it to a virtual thread and waits interruptibly.
 */
public final class OffPlatformThread {
    private OffPlatformThread() {}

    /** A blocking call that opens something closeable. */
    @FunctionalInterface
    public interface Call<T extends AutoCloseable> {
        /**
         * Makes the call.
         *
         * @return what it opened
         * @throws IOException if it failed
         */
        T call() throws IOException;
    }

    /**
     * Runs the call, abortable by an interrupt of the calling thread.
     *
     * @param endpoint named in the exception for an interrupt
     * @param call the call
     * @param <T> what it opens
     * @return what it opened
     * @throws IOException what the call threw, or an {@link java.io.InterruptedIOException} if the
     *     calling thread was interrupted (the interrupt flag stays set)
     */
    public static <T extends AutoCloseable> T call(Endpoint endpoint, Call<T> call) throws IOException {
        if (Thread.currentThread().isVirtual()) {
            return call.call();
        }
        Outcome<T> outcome = new Outcome<>();
        Thread worker = ShuttleThreads.start("shuttle-connect " + endpoint, () -> outcome.run(call));
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            joinUninterruptibly(worker);
            outcome.discard();
            Thread.currentThread().interrupt();
            throw ConnectFailures.interrupted(endpoint, e);
        }
        return outcome.get();
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Outcome<T extends AutoCloseable> {
        private T value;
        private Throwable failure;

        void run(Call<T> call) {
            try {
                value = call.call();
            } catch (Throwable t) {
                failure = t;
            }
        }

        void discard() {
            if (value != null) {
                try {
                    value.close();
                } catch (Exception ignored) {
                    // Closing what a cancelled call opened; nothing to report to.
                }
            }
        }

        T get() throws IOException {
            switch (failure) {
                case null -> {
                    return value;
                }
                case IOException e -> throw e;
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IOException(failure);
            }
        }
    }
}
