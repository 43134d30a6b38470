package dev.shuttle.internal.io;

import dev.shuttle.internal.concurrent.ShuttleThreads;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A connection's write timeout, for transports that have none of their own (Java sockets have no
 * {@code SO_SNDTIMEO}): a write that makes no progress for the timeout is ended by closing the
 * transport under it, and fails with {@link SocketTimeoutException}.
 *
 * <p>Writes go to the transport in chunks of at most {@link #CHUNK} bytes, and each chunk taken is
 * progress. While writes are in progress a watchdog (one virtual thread per connection, started
 * by the first write and ending when it wakes to find no write in progress) sleeps until the last
 * progress plus the timeout, and closes the transport if nothing moved since. Without a timeout a
 * write is the sink's own, at no extra cost.
 */
public final class WriteDeadline {
    /** The most bytes handed to the transport in one call, so that progress can be seen. */
    static final int CHUNK = 64 * 1024;

    private final Supplier<String> peer;
    private final Runnable abort;
    private volatile int timeoutMillis;
    private final AtomicInteger writers = new AtomicInteger();
    private volatile long lastProgress;
    private volatile boolean expired;
    private volatile boolean closed;
    private final AtomicReference<Thread> watchdog = new AtomicReference<>();

    /**
     * @param peer names the peer in the timeout's message, such as {@code tcp://127.0.0.1:8080}
     * @param abort closes the transport, so that a blocked write fails; must not block on the write
     */
    public WriteDeadline(Supplier<String> peer, Runnable abort) {
        this.peer = peer;
        this.abort = abort;
    }

    /**
     * Sets the timeout; checked and saturated as a read timeout is ({@link Timeouts#millis}).
     *
     * @param timeout zero for none, or positive
     * @throws IllegalArgumentException if negative
     */
    public void set(Duration timeout) {
        timeoutMillis = Timeouts.millis("writeTimeout", timeout);
    }

    /** {@return the timeout, {@link Duration#ZERO} for none} */
    public Duration get() {
        return Duration.ofMillis(timeoutMillis);
    }

    /**
     * Writes all the bytes through the sink, failing if no chunk is taken for the timeout.
     *
     * @param sink the transport's write, blocking until it took all it was given
     * @param bytes the source
     * @param offset where to start
     * @param length how many
     * @throws SocketTimeoutException if the write made no progress for the timeout; the transport is closed
     * @throws IOException if the sink fails otherwise
     */
    public void write(SinkOutputStream.ByteSink sink, byte[] bytes, int offset, int length) throws IOException {
        if (timeoutMillis == 0) {
            writers.incrementAndGet();
            try {
                sink.write(bytes, offset, length);
            } catch (IOException e) {
                throw InterruptedIo.named(e, "Write to", peer);
            } finally {
                writers.decrementAndGet();
            }
            return;
        }
        begin();
        try {
            int end = offset + length;
            for (int at = offset; at < end; at += CHUNK) {
                sink.write(bytes, at, Math.min(CHUNK, end - at));
                lastProgress = System.nanoTime();
            }
        } catch (IOException e) {
            if (expired) {
                SocketTimeoutException timedOut = timedOut();
                timedOut.initCause(e);
                throw timedOut;
            }
            throw InterruptedIo.named(e, "Write to", peer);
        } finally {
            writers.decrementAndGet();
        }
    }

    /**
     * Runs one write call that cannot be split (a flush, a single byte), with the same deadline.
     *
     * @param write the call
     * @throws SocketTimeoutException if it made no progress for the timeout; the transport is closed
     * @throws IOException if it fails otherwise
     */
    public void run(IoCall write) throws IOException {
        if (timeoutMillis == 0) {
            writers.incrementAndGet();
            try {
                write.run();
            } catch (IOException e) {
                throw InterruptedIo.named(e, "Write to", peer);
            } finally {
                writers.decrementAndGet();
            }
            return;
        }
        begin();
        try {
            write.run();
        } catch (IOException e) {
            if (expired) {
                SocketTimeoutException timedOut = timedOut();
                timedOut.initCause(e);
                throw timedOut;
            }
            throw InterruptedIo.named(e, "Write to", peer);
        } finally {
            writers.decrementAndGet();
        }
    }

    /** A blocking write call. */
    @FunctionalInterface
    public interface IoCall {
        /**
         * Runs the call.
         *
         * @throws IOException if it fails
         */
        void run() throws IOException;
    }

    /**
     * {@return a stream writing through {@code out} under this deadline}; closing it closes {@code out}
     *
     * @param out the transport's stream
     */
    public java.io.OutputStream guard(java.io.OutputStream out) {
        return new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                run(() -> out.write(b));
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
                WriteDeadline.this.write(out::write, bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                run(out::flush);
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    /** Tells the watchdog, if any, that the transport is closed, so that it ends now. */
    public void closed() {
        closed = true;
        Thread thread = watchdog.get();
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    private SocketTimeoutException timedOut() {
        return new SocketTimeoutException("Write to " + peer.get() + " made no progress for "
                + Timeouts.seconds(Duration.ofMillis(timeoutMillis)));
    }

    private void begin() {
        writers.incrementAndGet();
        lastProgress = System.nanoTime();
        if (watchdog.get() == null && !closed) {
            // The watchdog is named and counted like every Shuttle thread; it claims its slot itself.
            ShuttleThreads.start("shuttle-write-deadline", this::watch);
        }
    }

    private void watch() {
        Thread self = Thread.currentThread();
        if (!watchdog.compareAndSet(null, self)) {
            return; // another write started one first
        }
        while (true) {
            if (closed) {
                return; // the slot stays taken: a closed connection needs no watchdog
            }
            if (writers.get() == 0) {
                watchdog.set(null);
                // A write that began as the slot was freed may have seen it taken: look again.
                if (writers.get() == 0 || !watchdog.compareAndSet(null, self)) {
                    return;
                }
            }
            long timeoutNanos = timeoutMillis * 1_000_000L;
            if (timeoutNanos == 0) {
                LockSupport.parkNanos(this, 50_000_000L); // timeout removed mid-write: wait for the write to end
                continue;
            }
            long idle = System.nanoTime() - lastProgress;
            if (idle >= timeoutNanos) {
                expired = true;
                abort.run();
                return;
            }
            LockSupport.parkNanos(this, timeoutNanos - idle);
        }
    }
}
