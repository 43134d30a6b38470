package dev.shuttle.internal.unix;

import dev.shuttle.internal.concurrent.ShuttleThreads;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Timed reads on a blocking channel, which has no {@code SO_TIMEOUT}: a virtual thread of the
 * connection's own reads ahead, one chunk at a time, and a reader waits for that chunk with a
 * timeout. The channel stays in blocking mode, so writes are never held up by reads, and a
 * waiting thread parks instead of holding a carrier in a selector.
 *
 * <p>The thread ends when the channel reaches end of stream, fails or is closed.
 */
final class ReadAhead {
    private static final int CHUNK = 8 * 1024;

    private final SocketChannel channel;
    private final byte[] chunk = new byte[CHUNK];
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock; the pump writes chunk only while start == end, readers only read it while start < end.
    private int start;
    private int end;
    private boolean endOfStream;
    private IOException failure;
    private boolean closed;

    ReadAhead(SocketChannel channel, String name) {
        this.channel = channel;
        ShuttleThreads.start("shuttle-read-ahead " + name, this::pump);
    }

    private void pump() {
        while (true) {
            lock.lock();
            try {
                while (start < end && !closed) {
                    changed.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            int n;
            IOException error = null;
            try {
                n = channel.read(ByteBuffer.wrap(chunk));
            } catch (IOException e) {
                n = -1;
                error = e;
            }
            lock.lock();
            try {
                if (error != null) {
                    failure = error;
                } else if (n < 0) {
                    endOfStream = true;
                } else {
                    start = 0;
                    end = n;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (error != null || n < 0) {
                return;
            }
        }
    }

    /**
     * Reads what has arrived, waiting for it up to the timeout.
     *
     * @param target where to put the bytes; has room
     * @param timeoutMillis 0 for no timeout
     * @return bytes read, or -1 at end of stream
     * @throws SocketTimeoutException if nothing arrived in time; the connection stays usable
     * @throws IOException if the channel failed or was closed
     */
    int read(ByteBuffer target, int timeoutMillis) throws IOException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (start == end && !endOfStream && failure == null && !closed) {
                if (timeoutMillis == 0) {
                    changed.await();
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("Read timed out after " + timeoutMillis + " ms");
                }
                changed.awaitNanos(left);
            }
            if (start < end) {
                int n = Math.min(target.remaining(), end - start);
                target.put(chunk, start, n);
                start += n;
                if (start == end) {
                    changed.signalAll();
                }
                return n;
            }
            if (failure != null) {
                throw new IOException(failure.getMessage(), failure);
            }
            if (closed) {
                throw new java.nio.channels.ClosedChannelException();
            }
            return -1;
        } catch (InterruptedException e) {
            // As a blocking channel does: an interrupt closes the connection.
            close();
            channel.close();
            Thread.currentThread().interrupt();
            throw new ClosedByInterruptException();
        } finally {
            lock.unlock();
        }
    }

    /** {@return whether nothing has arrived: no bytes, no end of stream, no failure; false when busy} */
    boolean quiet() {
        // The pump holds the lock only just after a read returned: then something did arrive.
        if (!lock.tryLock()) {
            return false;
        }
        try {
            return start == end && !endOfStream && failure == null && !closed;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the pump and every reader; the channel's close ends a read in progress. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
