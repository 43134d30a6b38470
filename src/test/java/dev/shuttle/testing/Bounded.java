package dev.shuttle.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits in tests, every one with a bound: a deadlock fails the test with a message saying what
 * did not end, instead of hanging the build until the per-test timeout (or for ever).
 */
public final class Bounded {
    /** Far beyond what any wait in a test should take on a loaded 2-core machine. */
    public static final Duration BOUND = Duration.ofSeconds(60);

    private Bounded() {}

    /**
     * Joins a thread.
     *
     * @param thread the thread
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError if the thread did not end within {@link #BOUND}
     */
    public static void join(Thread thread) throws InterruptedException {
        join(thread, "thread " + thread);
    }

    /**
     * Joins a thread, naming what it does in the failure.
     *
     * @param thread the thread
     * @param what what the thread does, such as {@code "the serving thread"}
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError naming {@code what}, if the thread did not end within {@link #BOUND}
     */
    public static void join(Thread thread, String what) throws InterruptedException {
        if (!thread.join(BOUND)) {
            throw new AssertionError(what + " did not end within " + BOUND.toSeconds() + " s (" + thread + ")");
        }
    }

    /**
     * Awaits a latch.
     *
     * @param latch the latch
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError if the latch did not open within {@link #BOUND}
     */
    public static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("latch " + latch + " did not open within " + BOUND.toSeconds() + " s");
        }
    }

    /**
     * Joins a completable future as {@link java.util.concurrent.CompletableFuture#join()} does.
     *
     * @param future the future
     * @param <T> the result's type
     * @return the result
     * @throws java.util.concurrent.CompletionException if the future failed or the wait was interrupted
     * @throws AssertionError if the future did not complete within {@link #BOUND}
     */
    public static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("future " + future + " did not complete within " + BOUND.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new java.util.concurrent.CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    /**
     * Gets a future's result.
     *
     * @param future the future
     * @param <T> the result's type
     * @return the result
     * @throws InterruptedException if interrupted while waiting
     * @throws ExecutionException if the future failed
     * @throws AssertionError if the future did not complete within {@link #BOUND}
     */
    public static <T> T get(Future<T> future) throws InterruptedException, ExecutionException {
        return get(future, "future " + future);
    }

    /**
     * Gets a future's result, naming what it stands for in the failure.
     *
     * @param future the future
     * @param what what the future stands for
     * @param <T> the result's type
     * @return the result
     * @throws InterruptedException if interrupted while waiting
     * @throws ExecutionException if the future failed
     * @throws AssertionError naming {@code what}, if the future did not complete within {@link #BOUND}
     */
    public static <T> T get(Future<T> future, String what) throws InterruptedException, ExecutionException {
        try {
            return future.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not complete within " + BOUND.toSeconds() + " s", e);
        }
    }
}
