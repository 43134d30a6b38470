package dev.shuttle.internal.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The input stream of a connection: the transport's own stream, with a {@link #transferTo} that
 * holds no large buffer while the connection is idle.
 *
 * <p>{@link InputStream#transferTo} allocates a 16 KiB buffer and keeps it for as long as the
 * transfer lasts, idle time included: for a server echoing on thousands of mostly idle
 * connections that buffer is most of each connection's memory. Here the wait for data reads into
 * a small buffer of {@value #SMALL} bytes; a read that fills it means more is waiting, so the
 * transfer takes a {@linkplain BufferPool pooled} 16 KiB buffer, moves everything already
 * received, and gives the buffer back before it waits again. Small messages cost one read and one
 * write each, as with a plain loop; no read allocates.
 *
 * <p>A read that the connection's own {@code close()} ends, from another thread, throws
 * {@link SocketException}, as the JDK's sockets do: BouncyCastle's SSL socket answers such a read
 * with end of stream when the close wins the race, which a reader would take for the peer's.
 */
public final class ConnectionInput extends InputStream {
    /** The buffer kept while waiting for data. */
    static final int SMALL = 256;

    private final InputStream in;
    private final IoInProgress inProgress;
    private final BooleanSupplier closedHere;
    private final java.util.function.Supplier<String> peer;

    /**
     * Wraps a transport's input stream.
     *
     * @param in the stream, which this one closes
     */
    public ConnectionInput(InputStream in) {
        this(in, new IoInProgress());
    }

    /**
     * Wraps a transport's input stream, counting its reads for an idle check.
     *
     * @param in the stream, which this one closes
     * @param inProgress where reads count
     */
    public ConnectionInput(InputStream in, IoInProgress inProgress) {
        this(in, inProgress, () -> false);
    }

    /**
     * Wraps a transport's input stream, counting its reads for an idle check.
     *
     * @param in the stream, which this one closes
     * @param inProgress where reads count
     * @param closedHere whether the connection's own {@code close()} has begun: end of stream is
     *     then reported as a {@link SocketException}
     */
    public ConnectionInput(InputStream in, IoInProgress inProgress, BooleanSupplier closedHere) {
        this(in, inProgress, closedHere, () -> "the peer");
    }

    /**
     * Wraps a transport's input stream, counting its reads for an idle check, and naming the peer
     * when a read is interrupted ({@link InterruptedIo}).
     *
     * @param in the stream, which this one closes
     * @param inProgress where reads count
     * @param closedHere whether the connection's own {@code close()} has begun: end of stream is
     *     then reported as a {@link SocketException}
     * @param peer names the peer, such as {@code tcp://127.0.0.1:8080}
     */
    public ConnectionInput(InputStream in, IoInProgress inProgress, BooleanSupplier closedHere,
            java.util.function.Supplier<String> peer) {
        this.peer = Objects.requireNonNull(peer, "peer");
        this.in = Objects.requireNonNull(in, "in");
        this.inProgress = Objects.requireNonNull(inProgress, "inProgress");
        this.closedHere = Objects.requireNonNull(closedHere, "closedHere");
    }

    @Override
    public int read() throws IOException {
        inProgress.enter();
        try {
            return endOrClosed(in.read());
        } catch (IOException e) {
            throw InterruptedIo.named(e, "Read from", peer);
        } finally {
            inProgress.exit();
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        inProgress.enter();
        try {
            return endOrClosed(in.read(buffer, offset, length));
        } catch (IOException e) {
            throw InterruptedIo.named(e, "Read from", peer);
        } finally {
            inProgress.exit();
        }
    }

    private int endOrClosed(int result) throws SocketException {
        if (result < 0 && closedHere.getAsBoolean()) {
            throw new SocketException("Socket closed");
        }
        return result;
    }

    @Override
    public long skip(long n) throws IOException {
        inProgress.enter();
        try {
            return in.skip(n);
        } catch (IOException e) {
            throw InterruptedIo.named(e, "Read from", peer);
        } finally {
            inProgress.exit();
        }
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        byte[] small = new byte[SMALL];
        long total = 0;
        while (true) {
            int n = read(small, 0, SMALL);
            if (n < 0) {
                return total;
            }
            out.write(small, 0, n);
            total += n;
            if (n < SMALL) {
                continue;
            }
            // A full read: more is probably waiting. Move it through a pooled buffer without blocking.
            byte[] large = BufferPool.take();
            try {
                while (in.available() > 0) {
                    int m = read(large, 0, large.length);
                    if (m < 0) {
                        return total;
                    }
                    out.write(large, 0, m);
                    total += m;
                }
            } finally {
                BufferPool.give(large);
            }
        }
    }
}
