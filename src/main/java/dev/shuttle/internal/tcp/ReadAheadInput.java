package dev.shuttle.internal.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A socket's input stream that reads ahead: a small read (a TLS record's 5-byte header, say) asks
 * the socket for as much as it holds, up to {@value #STREAMING} bytes, and the following reads are
 * served from what came. BouncyCastle's TLS record layer reads each record in two calls, the header
 * and then the body, each of which was a system call on the socket; over this stream a stream of
 * records costs one system call per few records.
 *
 * <p>Memory follows the traffic: the buffer is allocated when a read needs it, sized from the last
 * read that came in short of it, kept while reads keep filling it (bulk transfer) and dropped once
 * it is drained after a read that did not fill it (the peer sent less than there was room for, so
 * the connection is likely to go quiet): an idle connection holds no buffer. A read of at least
 * {@value #DIRECT} bytes while nothing is buffered goes straight into the caller's array.
 *
 * <p>A read never blocks on the socket while it has buffered bytes to return, and a read that times
 * out or is interrupted has consumed nothing. Reads are serialized by a lock.
 */
public final class ReadAheadInput extends InputStream {
    /** Bytes read ahead while the peer sends faster than the reader takes: a few TLS records. */
    static final int STREAMING = 64 * 1024;
    /** The smallest buffer: a TLS record header plus a short record. */
    static final int SMALLEST = 512;
    /** A read at least this long with nothing buffered bypasses the buffer. */
    static final int DIRECT = 4096;

    private final InputStream in;
    private final ReentrantLock lock = new ReentrantLock();
    private byte[] buffer;
    private int position;
    private int limit;
    private boolean lastFillFull;
    private int nextSize = SMALLEST;

    /**
     * Wraps a socket's input stream.
     *
     * @param in the stream, read only through this one from now on
     */
    public ReadAheadInput(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            if (position == limit) {
                if (len >= DIRECT) {
                    return in.read(b, off, len);
                }
                int filled = fill();
                if (filled < 0) {
                    return filled;
                }
            }
            int n = Math.min(len, limit - position);
            System.arraycopy(buffer, position, b, off, n);
            position += n;
            if (position == limit) {
                drained();
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    private int fill() throws IOException {
        if (buffer == null) {
            buffer = new byte[nextSize];
        }
        int n;
        try {
            n = in.read(buffer, 0, buffer.length);
        } catch (IOException | RuntimeException e) {
            // A read timeout on an idle connection, say: it holds no buffer while idle.
            buffer = null;
            throw e;
        }
        if (n <= 0) {
            return n < 0 ? -1 : 0;
        }
        position = 0;
        limit = n;
        lastFillFull = n == buffer.length;
        if (!lastFillFull) {
            nextSize = Math.clamp(Integer.highestOneBit(n) * 4L, SMALLEST, STREAMING);
        }
        return n;
    }

    private void drained() {
        position = 0;
        limit = 0;
        if (!lastFillFull) {
            buffer = null;
        } else if (buffer.length < STREAMING) {
            nextSize = STREAMING;
            buffer = null;
        }
    }

    /**
     * {@return the bytes read from the socket and not yet returned, or -1 while a read is in
     * progress}
     */
    public int buffered() {
        if (!lock.tryLock()) {
            return -1;
        }
        try {
            return limit - position;
        } finally {
            lock.unlock();
        }
    }

    /** {@return the size of the buffer held, 0 if none} */
    int capacity() {
        lock.lock();
        try {
            return buffer == null ? 0 : buffer.length;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int available() throws IOException {
        int buffered = buffered();
        return Math.max(buffered, 0) + in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
