package dev.shuttle.batch;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.pool.ConnectionPool;
import dev.shuttle.internal.batch.RequestBatch;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * Many requests at once, at most {@link BatchOptions#concurrency()} running at a time: each request
 * connects to a URI through the batch's connector and runs an {@link Exchange} on the connection
 * (write a request, read the reply), on a virtual thread of its own.
 *
 * <p>{@link #submit} returns a {@link Request} handle at once; requests start in submission order as
 * room frees up. Any thread may submit while the batch runs, also an exchange that finds more work
 * (a crawler). Each request has a connect timeout, a read timeout and an overall deadline; a request
 * that fails or times out fails alone, unless {@link BatchOptions#failFast()} is set. A request or
 * the whole batch can be cancelled: a cancelled request that runs is interrupted and its connection
 * closed. A connection is closed (given back to a {@link ConnectionPool}) after its exchange
 * succeeded, and discarded ({@link ConnectionPool#discard(Connection)}) after a failure, timeout or
 * cancellation.
 *
 * <p>Nothing a request does stalls the batch. A connection whose {@code close()} throws fails or
 * annotates that request only (see {@link Request}) and the others go on. An {@link Error} from
 * user code (the connector, an exchange, a connection's {@code close()}) cancels the whole batch,
 * and once every thread of the batch has ended {@link #join()} throws that same Error, as
 * {@link #close()} does when no join has.
 *
 * <p>The batch is structured: its threads live inside {@link #close()}, which cancels whatever
 * is unfinished and returns only when every thread of the batch has ended. Open it in a
 * try-with-resources block; the thread that opened it must close it, and batches opened one inside
 * another close in reverse order.
 *
 * {@snippet :
 * try (Batch<String> batch = Batch.open(Connector.create(), BatchOptions.builder().concurrency(8).build())) {
 *     for (String uri : uris) {
 *         batch.submit(uri, connection -> {
 *             connection.output().write(request);
 *             return new String(connection.input().readAllBytes(), StandardCharsets.UTF_8);
 *         });
 *     }
 *     for (Batch.Request<String> request : batch.join()) {      // in submission order
 *         switch (request.state()) {
 *             case SUCCESS -> use(request.resultNow());
 *             case FAILED -> log(request.endpoint(), request.exceptionNow());
 *             default -> { }                                    // CANCELLED
 *         }
 *     }
 * }
 * }
 *
 * @param <T> what each exchange returns
 */
public interface Batch<T> extends AutoCloseable {

    /**
     * Opens a batch with the default options ({@link BatchOptions#defaults()}), owned by the
     * calling thread.
     *
     * @param connector connects each request, such as {@link Connector#create()} or a
     *     {@link ConnectionPool}
     * @param <T> what each exchange returns
     * @return the batch, running; close it
     */
    static <T> Batch<T> open(Connector connector) {
        return open(connector, BatchOptions.defaults());
    }

    /**
     * Opens a batch owned by the calling thread, which must {@link #close()} it.
     *
     * @param connector connects each request, such as {@link Connector#create()} or a
     *     {@link ConnectionPool}
     * @param options the concurrency, the timeouts and fail-fast
     * @param <T> what each exchange returns
     * @return the batch, running; close it
     */
    static <T> Batch<T> open(Connector connector, BatchOptions options) {
        return new RequestBatch<>(Objects.requireNonNull(connector, "connector"), Objects.requireNonNull(options, "options"));
    }

    /**
     * Adds a request. It starts when fewer than {@link BatchOptions#concurrency()} requests run and
     * those submitted before it have started. Any thread may call it, also an exchange of this
     * batch. After {@link #cancel()} (or fail-fast) the request is returned already cancelled.
     *
     * @param uri where to connect, such as {@code tcp://example.com:80}
     * @param exchange what to do with the connection
     * @return the request's handle
     * @throws IllegalArgumentException if the URI is malformed or {@code udp://} (datagrams have no
     *     connection: use {@code UdpSocket}), before anything runs
     * @throws IllegalStateException if the batch is closed
     */
    Request<T> submit(String uri, Exchange<? extends T> exchange);

    /**
     * Waits until every request has finished, including those submitted while it waits, and every
     * request's thread has ended. Call it from outside the batch: an exchange that joined its own
     * batch would wait for itself for ever, so that throws instead.
     *
     * @return every request of the batch, in submission order
     * @throws InterruptedException if the calling thread was interrupted; the requests go on until
     *     {@link #close()}
     * @throws IllegalStateException if called by an exchange of this batch (on one of its request
     *     threads)
     * @throws Error the first {@link Error} user code threw in a request (the connector, an
     *     exchange, a connection's close), the same instance, once the batch it cancelled has
     *     ended; that request's {@link Request#exceptionNow()} is the Error too
     */
    List<Request<T>> join() throws InterruptedException;

    /**
     * Waits as {@link #join()} does, up to a deadline. When it passes first, the batch is cancelled
     * as by {@link #cancel()}, this waits until the cancelled requests' threads have ended, then
     * throws.
     *
     * @param timeout the longest to wait, positive
     * @return every request of the batch, in submission order
     * @throws TimeoutException if the deadline passed; the requests that had not finished are
     *     cancelled
     * @throws InterruptedException if the calling thread was interrupted
     * @throws IllegalArgumentException if the timeout is zero or negative
     * @throws IllegalStateException if called by an exchange of this batch (on one of its request
     *     threads)
     * @throws Error as {@link #join()}
     */
    List<Request<T>> join(Duration timeout) throws InterruptedException, TimeoutException;

    /** {@return every request submitted so far, in submission order} */
    List<Request<T>> requests();

    /**
     * Cancels every unfinished request: those waiting never start, those running are interrupted and
     * their connections closed. Requests submitted later are cancelled at once. Does not wait; see
     * {@link #join()}. Any thread may call it. Never throws what a connection's {@code close()}
     * threw: that is recorded on the request.
     */
    void cancel();

    /**
     * Cancels every unfinished request, as {@link #cancel()}, and waits until every thread of the
     * batch has ended. Only the thread that opened the batch may close it. Calling it again does
     * nothing. If the calling thread is interrupted meanwhile, it still waits (the threads end
     * promptly, being cancelled) and keeps the interrupt flag.
     *
     * @throws IllegalStateException if called by another thread than the one that opened the batch
     * @throws Error the {@link Error} user code threw in a request, if no {@link #join()} has thrown
     *     it: never swallowed
     */
    @Override
    void close();

    /**
     * What a request does with its connection: typically write a request and read the reply.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    interface Exchange<T> {
        /**
         * Runs on the request's own virtual thread, with the connection's read timeout set. The
         * batch closes the connection afterwards; the exchange need not.
         *
         * @param connection the open connection
         * @return the result, which may be {@code null}
         * @throws IOException to fail the request; other exceptions fail it too, and an
         *     {@link Error} also cancels the batch and is thrown by {@link Batch#join()}
         */
        T exchange(Connection connection) throws IOException;
    }

    /**
     * A submitted request: a {@link Future} of its exchange's result.
     *
     * <p>{@link #get()} waits for it; {@link #state()}, {@link #resultNow()} and
     * {@link #exceptionNow()} read it once done. A failed request's exception is what its connect
     * or exchange threw, with the read timeout as a {@link java.net.SocketTimeoutException} naming
     * the endpoint; a request past {@link BatchOptions#requestTimeout()} fails with a
     * {@link java.net.SocketTimeoutException} reading {@code Request to tcp://host:port timed out
     * after 5.0 seconds}. A cancelled request's {@link #get()} throws
     * {@link java.util.concurrent.CancellationException}.
     *
     * <p>When the connection's {@code close()} throws, the request records it: after a successful
     * exchange the request fails with an {@link IOException} naming the endpoint, whose cause is
     * what close threw; after a failure, a timeout or a cancellation, what close threw is attached
     * as suppressed to the request's exception (for a cancellation, to the
     * {@code CancellationException} that {@link #get()} throws or wraps).
     *
     * @param <T> what the exchange returns
     */
    interface Request<T> extends Future<T> {

        /** {@return where the request connects} */
        Endpoint endpoint();

        /**
         * Cancels the request, if it has not finished: it never starts, or, running, it is
         * interrupted and its connection closed. Any thread may call it; it does not wait, and
         * never throws what the connection's {@code close()} threw (the request records it).
         *
         * @param mayInterruptIfRunning ignored: a running request is always interrupted, since an
         *     exchange cut loose from its batch could not be waited for
         * @return whether this call cancelled it
         */
        @Override
        boolean cancel(boolean mayInterruptIfRunning);

        /**
         * Cancels the request, as {@link #cancel(boolean)}.
         *
         * @return whether this call cancelled it
         */
        default boolean cancel() {
            return cancel(true);
        }
    }
}
