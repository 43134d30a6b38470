package dev.shuttle.internal.batch;

import dev.shuttle.batch.Batch;
import dev.shuttle.batch.BatchOptions;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.internal.concurrent.TaskScope;
import dev.shuttle.internal.concurrent.TaskScopes;
import dev.shuttle.internal.io.Timeouts;
import dev.shuttle.internal.uri.DatagramScheme;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link Batch}, structured in two levels, since only a scope's owner may fork and never after it
 * joined, while requests arrive from any thread at any time:
 *
 * <ol>
 *   <li>the caller of {@code open} owns an outer scope with one task, the coordinator, and
 *       {@link #close()} joins it;
 *   <li>the coordinator owns the requests' scope. Submitters only queue a request and signal; the
 *       coordinator forks queued requests while fewer than the concurrency run, and interrupts
 *       requests at their deadlines. When the batch closes it cancels what is left and joins the
 *       requests' scope before it returns.
 * </ol>
 *
 * <p>So no request thread outlives the coordinator, and the coordinator does not outlive
 * {@code close()}. One lock guards the queue and counts; cancelling and closing connections
 * happen outside it.
 *
 * <p>Nothing a request's user code does can stall the batch: a connection whose {@code close()}
 * throws is recorded on its request ({@link BatchRequest}) and the queue goes on; an
 * {@link Error} from user code cancels the batch, and {@link #join()} throws it once every
 * thread of the batch has ended ({@link #close()} does, when no join has).
 */
public final class RequestBatch<T> implements Batch<T> {
    private final Connector connector;
    private final BatchOptions options;
    private final Thread owner = Thread.currentThread();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<BatchRequest<T>> queue = new ArrayDeque<>();
    private final List<BatchRequest<T>> all = new ArrayList<>();
    private final Set<BatchRequest<T>> running = new HashSet<>();
    /** The threads running a request now, to refuse a join from an exchange (it would wait for itself). */
    private final Set<Thread> requestThreads = new HashSet<>();
    private final TaskScope coordinatorScope;
    private int threads;
    /** Requests whose result is not complete yet: queued, running, or being stopped. */
    private int unfinished;
    /** The first Error from user code (or a failure of the coordinator itself): join throws it. */
    private Throwable fatal;
    private boolean fatalThrown;
    private boolean cancelled;
    private boolean closing;
    private boolean closed;

    /**
     * Opens the batch and starts its coordinator.
     *
     * @param connector connects each request, within its own connect timeout and the request's deadline
     * @param options the options
     */
    public RequestBatch(Connector connector, BatchOptions options) {
        this.connector = connector;
        this.options = options;
        this.coordinatorScope = TaskScopes.open("shuttle-batch");
        try {
            coordinatorScope.fork(() -> {
                try {
                    coordinate();
                } catch (Throwable e) {
                    failed(e); // a bug of the batch itself: nothing may start any more, join must end
                }
                return false;
            });
        } catch (RuntimeException | Error e) {
            coordinatorScope.close();
            throw e;
        }
    }

    @Override
    public Request<T> submit(String uri, Exchange<? extends T> exchange) {
        Endpoint endpoint = Endpoint.parse(uri);
        DatagramScheme.refuseConnect(endpoint);
        Objects.requireNonNull(exchange, "exchange");
        BatchRequest<T> request = new BatchRequest<>(endpoint, exchange, outcomes);
        lock.lock();
        try {
            if (closing) {
                throw new IllegalStateException("The batch is closed: cannot submit a request to " + endpoint);
            }
            all.add(request);
            unfinished++;
            if (cancelled) {
                request.cancel();
            } else {
                queue.addLast(request);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return request;
    }

    /** The coordinator's loop, on its own thread: fork what may start, time out what is late. */
    private void coordinate() {
        try (TaskScope requests = TaskScopes.open("shuttle-batch-request")) {
            try {
                dispatch(requests);
            } catch (InterruptedException e) {
                // Only close() interrupts the coordinator (when its owner was interrupted): stop.
            }
            cancel();
            try {
                requests.join();
            } catch (InterruptedException | TimeoutException e) {
                // close() below still waits for every request thread.
            }
        }
    }

    private void dispatch(TaskScope requests) throws InterruptedException {
        lock.lock();
        try {
            while (!closing) {
                long now = System.nanoTime();
                List<BatchRequest<T>> late = new ArrayList<>();
                long nearest = Long.MAX_VALUE;
                for (BatchRequest<T> request : running) {
                    long deadline = request.deadline();
                    if (deadline == 0 || request.isDone()) {
                        continue;
                    }
                    if (deadline - now <= 0) {
                        late.add(request);
                    } else {
                        nearest = Math.min(nearest, deadline - now);
                    }
                }
                if (!late.isEmpty()) {
                    lock.unlock();
                    try {
                        boolean failed = false;
                        for (BatchRequest<T> request : late) {
                            failed |= request.timeOut(options.requestTimeout());
                        }
                        // A request past its deadline failed: fail-fast applies as to any failure.
                        if (failed && options.failFast()) {
                            cancel();
                        }
                    } finally {
                        lock.lock();
                    }
                    continue;
                }
                // Once the batch is cancelled nothing more starts: cancel() marks the queued requests
                // only after it has released the lock, and a slot freed by an interrupted request
                // must not go to one of them first.
                BatchRequest<T> next = !cancelled && threads < options.concurrency() ? nextToStart() : null;
                if (next != null) {
                    threads++;
                    running.add(next);
                    next.dispatch(options.requestTimeout());
                    lock.unlock();
                    try {
                        requests.fork(() -> runRequest(next));
                    } catch (Throwable e) {
                        lock.lock();
                        threads--; // no thread will run it: coordinate() fails the batch, which cancels it
                        running.remove(next);
                        throw e;
                    } finally {
                        if (!lock.isHeldByCurrentThread()) {
                            lock.lock();
                        }
                    }
                    continue;
                }
                if (nearest == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    changed.awaitNanos(nearest);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private BatchRequest<T> nextToStart() {
        BatchRequest<T> next;
        while ((next = queue.pollFirst()) != null) {
            if (!next.isDone()) {
                return next;
            }
        }
        return null;
    }

    /** Runs on the request's own thread in the requests' scope. */
    private boolean runRequest(BatchRequest<T> request) {
        lock.lock();
        try {
            requestThreads.add(Thread.currentThread());
        } finally {
            lock.unlock();
        }
        try {
            boolean failed = request.run(connector, options.readTimeout());
            if (failed && options.failFast()) {
                cancel();
            }
        } finally {
            lock.lock();
            try {
                threads--;
                running.remove(request);
                requestThreads.remove(Thread.currentThread());
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
        return false;
    }

    private final BatchRequest.Outcomes outcomes = new BatchRequest.Outcomes() {
        @Override
        public void done() {
            lock.lock();
            try {
                unfinished--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void userError(Error error) {
            failed(error);
        }
    };

    /** Records the first fatal failure and cancels the batch: it ends, and join throws it. */
    private void failed(Throwable failure) {
        lock.lock();
        try {
            if (fatal == null) {
                fatal = failure;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        cancel();
    }

    /** Under the lock, once the batch has finished: throws the fatal failure, if any. */
    private void throwFatal() {
        Throwable failure = fatal;
        if (failure == null) {
            return;
        }
        fatalThrown = true;
        switch (failure) {
            case Error e -> throw e;
            case RuntimeException e -> throw e;
            default -> throw new IllegalStateException("The batch failed", failure);
        }
    }

    @Override
    public List<Request<T>> join() throws InterruptedException {
        lock.lock();
        try {
            refuseJoinFromAnExchange();
            while (!finished()) {
                changed.await();
            }
            throwFatal();
            return List.copyOf(all);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Request<T>> join(Duration timeout) throws InterruptedException, TimeoutException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        long left = Timeouts.nanos(timeout);
        lock.lock();
        try {
            refuseJoinFromAnExchange();
            while (!finished() && left > 0) {
                left = changed.awaitNanos(left);
            }
            if (finished()) {
                throwFatal();
                return List.copyOf(all);
            }
        } finally {
            lock.unlock();
        }
        int unfinished = (int) requests().stream().filter(request -> !request.isDone()).count();
        cancel();
        join();
        throw new TimeoutException("The batch did not finish within " + Timeouts.seconds(timeout)
                + ": its " + unfinished + " unfinished " + (unfinished == 1 ? "request was" : "requests were")
                + " cancelled");
    }

    /** Under the lock. */
    private void refuseJoinFromAnExchange() {
        if (requestThreads.contains(Thread.currentThread())) {
            throw new IllegalStateException("An exchange of this batch called join(), which waits for every request, "
                    + "its own too, so it would wait for ever: join from the thread that opened the batch");
        }
    }

    /** Under the lock: every request's result complete, no request thread alive. */
    private boolean finished() {
        return threads == 0 && unfinished == 0;
    }

    @Override
    public List<Request<T>> requests() {
        lock.lock();
        try {
            return List.copyOf(all);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void cancel() {
        List<BatchRequest<T>> unfinished = new ArrayList<>();
        lock.lock();
        try {
            cancelled = true;
            for (BatchRequest<T> request : all) {
                if (!request.isDone()) {
                    unfinished.add(request);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        unfinished.forEach(BatchRequest::cancel);
    }

    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("Only the thread that opened the batch may close it");
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        cancel();
        boolean interrupted = false;
        try {
            coordinatorScope.join();
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (TimeoutException e) {
            throw new AssertionError("the batch's scope has no deadline", e);
        }
        coordinatorScope.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            if (!fatalThrown) {
                throwFatal(); // an Error no join has thrown: never swallowed
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Batch[" + options + ", " + requests().size() + " requests]";
    }
}
