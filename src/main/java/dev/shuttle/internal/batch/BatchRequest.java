package dev.shuttle.internal.batch;

import dev.shuttle.batch.Batch;
import dev.shuttle.Connection;
import dev.shuttle.pool.ConnectionPool;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.internal.io.Timeouts;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One request of a batch: its handle, and the code its thread runs. Whoever claims the request
 * first wins (the exchange's end, a cancel, the deadline). A cancel or the deadline claims it,
 * interrupts the request's thread and discards its connection outside the lock, and only then
 * completes the result, so that a failing {@code close()} is recorded on the very exception the
 * result holds (as a suppressed exception) before anyone can see it.
 *
 * <p>A connection's {@code close()} is user code when the batch's connector is: whatever it
 * throws is recorded on the request, never thrown at a thread that cancels, and an {@link Error}
 * from it, the connector or the exchange is also handed to the batch ({@link Outcomes#userError}).
 */
final class BatchRequest<T> implements Batch.Request<T> {

    /** What a request tells its batch. */
    interface Outcomes {
        /** The request's result is complete; called exactly once per request. */
        void done();

        /**
         * User code (the connector, the exchange, a connection's close) threw an {@link Error}
         * while this request ran or was stopped.
         *
         * @param error what it threw
         */
        void userError(Error error);
    }

    private final Endpoint endpoint;
    private final Batch.Exchange<? extends T> exchange;
    private final Outcomes outcomes;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    private Thread thread;
    private Connection connection;
    /** What a cancel or the deadline will complete the result with, once claimed; else null. */
    private Throwable stoppedWith;
    private volatile long deadline;
    private volatile boolean started;

    BatchRequest(Endpoint endpoint, Batch.Exchange<? extends T> exchange, Outcomes outcomes) {
        this.endpoint = endpoint;
        this.exchange = exchange;
        this.outcomes = outcomes;
    }

    /**
     * Runs the request on the calling thread: connect, exchange, close or discard the connection.
     * Never throws: every failure, a failing close's too, ends up in the result.
     *
     * @return whether it failed (not cancelled, not timed out by its deadline)
     */
    boolean run(Connector connector, Duration readTimeout) {
        if (!start()) {
            return false;
        }
        Connection opened = null;
        try {
            opened = connector.connect(endpoint);
            if (!attach(opened)) {
                Throwable closeFailure = close(opened, true); // stopped while connecting
                if (closeFailure != null) {
                    stoppedWith().addSuppressed(closeFailure);
                }
                return false;
            }
            if (!readTimeout.isZero()) {
                opened.setReadTimeout(readTimeout);
            }
            T value = exchange.exchange(opened);
            if (!detach()) {
                return false; // stopped meanwhile: the stopper closes the connection
            }
            Throwable closeFailure = close(opened, false);
            if (closeFailure == null) {
                finish(value, null);
                return false;
            }
            IOException closeFailed = new IOException("The exchange with " + endpoint
                    + " ended, but closing its connection failed: " + closeFailure, closeFailure);
            return finish(null, closeFailed);
        } catch (Throwable e) {
            Throwable failure = opened != null && e instanceof SocketTimeoutException timeout
                    ? exchangeTimedOut(opened, timeout) : e;
            if (opened != null && detach()) {
                Throwable closeFailure = close(opened, true);
                if (closeFailure != null && closeFailure != failure) {
                    failure.addSuppressed(closeFailure);
                }
            }
            boolean failed = finish(null, failure);
            if (e instanceof Error error) {
                outcomes.userError(error); // this thread still counts as running: join waits for this
            }
            return failed;
        } finally {
            lock.lock();
            try {
                thread = null;
                connection = null;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Closes a connection (gives it back to its pool) or discards it, and returns what its
     * {@code close()} threw instead of throwing it; an {@link Error} also goes to the batch.
     */
    private Throwable close(Connection opened, boolean discard) {
        try {
            if (discard) {
                ConnectionPool.discard(opened);
            } else {
                opened.close();
            }
            return null;
        } catch (Throwable e) {
            if (e instanceof Error error) {
                outcomes.userError(error);
            }
            return e;
        }
    }

    /**
     * Names the endpoint in a timeout of the exchange: as the read timeout when the connection
     * has one and the exception is a read's ({@code "Read timed out"}, the JDK's and Shuttle's
     * wording); any other timeout (one the exchange made itself) keeps its own message.
     */
    private SocketTimeoutException exchangeTimedOut(Connection opened, SocketTimeoutException cause) {
        Duration readTimeout = opened.readTimeout();
        String message = cause.getMessage();
        boolean readTimedOut = !readTimeout.isZero() && message != null && message.startsWith("Read timed out");
        SocketTimeoutException timeout;
        if (readTimedOut) {
            timeout = new SocketTimeoutException("No data from " + endpoint + " within the read timeout of "
                    + Timeouts.seconds(readTimeout));
        } else if (message != null && message.contains(endpoint.toString())) {
            return cause;
        } else {
            timeout = new SocketTimeoutException("Request to " + endpoint + " timed out: " + message);
        }
        timeout.initCause(cause);
        return timeout;
    }

    /**
     * Sets the deadline, when the coordinator hands the request to a thread: the coordinator then
     * knows it without waiting for the thread to start.
     *
     * @param requestTimeout the request's time from now, or zero for no deadline
     */
    void dispatch(Duration requestTimeout) {
        // At most about 73 years ("for ever" saturates): deadlines compare by difference, which must not wrap.
        long nanos = Math.min(Timeouts.nanos(requestTimeout), Long.MAX_VALUE / 4);
        deadline = requestTimeout.isZero() ? 0 : (System.nanoTime() + nanos) | 1;
    }

    /** Under the lock: whether a cancel, the deadline or the request's own end has claimed it. */
    private boolean claimed() {
        return stoppedWith != null || result.isDone();
    }

    private boolean start() {
        lock.lock();
        try {
            if (claimed()) {
                return false;
            }
            thread = Thread.currentThread();
            started = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean attach(Connection opened) {
        lock.lock();
        try {
            if (claimed()) {
                return false;
            }
            connection = opened;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the connection back from the request, unless a stopper has claimed it (and closes it). */
    private boolean detach() {
        lock.lock();
        try {
            if (claimed()) {
                return false;
            }
            connection = null;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private Throwable stoppedWith() {
        lock.lock();
        try {
            return stoppedWith;
        } finally {
            lock.unlock();
        }
    }

    /** Completes the result with a value or a failure, if nobody has claimed it, and tells the batch. */
    private boolean finish(T value, Throwable failure) {
        boolean won;
        lock.lock();
        try {
            won = !claimed() && (failure == null ? result.complete(value) : result.completeExceptionally(failure));
            connection = null;
        } finally {
            lock.unlock();
        }
        if (won) {
            outcomes.done();
        }
        return won;
    }

    /** {@return the deadline on {@link System#nanoTime()}, or 0 when not dispatched or none} */
    long deadline() {
        return deadline;
    }

    /**
     * Fails the request at its deadline: interrupts it and discards its connection.
     *
     * @return whether this failed it (it had not finished otherwise meanwhile)
     */
    boolean timeOut(Duration requestTimeout) {
        return stop(new SocketTimeoutException(
                "Request to " + endpoint + " timed out after " + Timeouts.seconds(requestTimeout)));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        // A CancellationException of its own, rather than result.cancel(): the one get() throws,
        // on which a failing close is recorded.
        return stop(new CancellationException("Request to " + endpoint + " was cancelled"));
    }

    /**
     * Claims the request, interrupts its thread, discards its connection, then completes the
     * result with {@code outcome}, a failing close recorded on it. Never throws what close threw.
     */
    private boolean stop(Throwable outcome) {
        Thread running;
        Connection open;
        lock.lock();
        try {
            if (claimed()) {
                return false;
            }
            stoppedWith = outcome;
            running = thread;
            open = connection;
            connection = null;
        } finally {
            lock.unlock();
        }
        try {
            if (running != null) {
                running.interrupt();
            }
            if (open != null) {
                Throwable closeFailure = close(open, true);
                if (closeFailure != null) {
                    outcome.addSuppressed(closeFailure);
                }
            }
        } finally {
            result.completeExceptionally(outcome);
            outcomes.done();
        }
        return true;
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public boolean isCancelled() {
        return result.isCancelled();
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        return result.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return result.get(timeout, unit);
    }

    @Override
    public State state() {
        return result.state();
    }

    @Override
    public T resultNow() {
        return result.resultNow();
    }

    @Override
    public Throwable exceptionNow() {
        return result.exceptionNow();
    }

    @Override
    public String toString() {
        return "Request[" + endpoint + ", " + (started || result.isDone() ? state() : "WAITING") + "]";
    }
}
