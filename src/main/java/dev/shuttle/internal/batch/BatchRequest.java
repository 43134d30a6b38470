package dev.shuttle.internal.batch;

import dev.shuttle.Batch;
import dev.shuttle.Connection;
import dev.shuttle.ConnectionPool;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.internal.io.Timeouts;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One request of a batch: its handle, and the code its thread runs. Whoever completes the result
 * first wins (the exchange, a cancel, the deadline); a cancel or deadline also interrupts the
 * request's thread and discards its connection, outside the lock.
 */
final class BatchRequest<T> implements Batch.Request<T> {
    private final Endpoint endpoint;
    private final Batch.Exchange<? extends T> exchange;
    private final Runnable onDone;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private Thread thread;
    private Connection connection;
    private volatile long deadline;
    private volatile boolean started;

    BatchRequest(Endpoint endpoint, Batch.Exchange<? extends T> exchange, Runnable onDone) {
        this.endpoint = endpoint;
        this.exchange = exchange;
        this.onDone = onDone;
    }

    /**
     * Runs the request on the calling thread: connect, exchange, close or discard the connection.
     *
     * @return whether it failed (not cancelled, not timed out by its deadline)
     */
    boolean run(Connector connector, Duration readTimeout) {
        if (!start()) {
            return false;
        }
        Connection opened = null;
        try {
            opened = connector.connect(endpoint.toString());
            if (!attach(opened)) {
                ConnectionPool.discard(opened);
                return false;
            }
            if (!readTimeout.isZero()) {
                opened.setReadTimeout(readTimeout);
            }
            T value = exchange.exchange(opened);
            if (finish(() -> result.complete(value))) {
                opened.close();
            } else {
                ConnectionPool.discard(opened);
            }
            return false;
        } catch (Throwable e) {
            Throwable failure = opened != null && e instanceof SocketTimeoutException timeout
                    ? exchangeTimedOut(opened, timeout) : e;
            if (opened != null) {
                ConnectionPool.discard(opened);
            }
            return finish(() -> result.completeExceptionally(failure));
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

    private boolean start() {
        lock.lock();
        try {
            if (result.isDone()) {
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
            if (result.isDone()) {
                return false;
            }
            connection = opened;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private interface Completion {
        boolean complete();
    }

    /** Completes the result, if nobody has, and tells the batch. */
    private boolean finish(Completion completion) {
        boolean won;
        lock.lock();
        try {
            won = completion.complete();
            connection = null;
        } finally {
            lock.unlock();
        }
        if (won) {
            onDone.run();
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
        SocketTimeoutException timeout = new SocketTimeoutException(
                "Request to " + endpoint + " timed out after " + Timeouts.seconds(requestTimeout));
        return stop(() -> result.completeExceptionally(timeout));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return stop(() -> result.cancel(false));
    }

    private boolean stop(Completion completion) {
        Thread running;
        Connection open;
        lock.lock();
        try {
            if (!completion.complete()) {
                return false;
            }
            running = thread;
            open = connection;
            connection = null;
        } finally {
            lock.unlock();
        }
        if (running != null) {
            running.interrupt();
        }
        if (open != null) {
            ConnectionPool.discard(open);
        }
        onDone.run();
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
