package dev.shuttle.internal.server.readable;

import dev.shuttle.Connection;
import dev.shuttle.internal.io.ForwardingConnection;
import dev.shuttle.internal.io.Timeouts;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;

/**
 * A connection whose next byte can be waited for ahead of its reader: {@link #awaitData()} blocks
 * for the first byte (or the end of the stream) with no read timeout, and the next read returns
 * it, with whatever else has arrived. So a handler called on a thread of its own, as
 * {@code serveWhenReadable} calls TLS connections, is called when data comes, as on a selector,
 * and its read timeout bounds only the waits inside a call.
 */
final class PeekedConnection extends ForwardingConnection {
    private static final int NONE = -2;

    private final InputStream input = new Input();
    /** The byte read ahead, -1 for the end of the stream, or {@link #NONE}. Only the call's thread uses it. */
    private int peeked = NONE;
    /** The read timeout set after the end of the stream was seen. */
    private Duration atEnd;

    PeekedConnection(Connection connection) {
        super(connection);
    }

    /**
     * Waits, without the connection's read timeout, until a byte has arrived or the stream ended.
     *
     * @throws IOException if the read failed (the connection was reset, or closed)
     */
    void awaitData() throws IOException {
        if (peeked != NONE) {
            return;
        }
        Duration timeout = connection.readTimeout();
        if (!timeout.isZero()) {
            connection.setReadTimeout(Duration.ZERO);
        }
        try {
            peeked = connection.input().read();
        } finally {
            if (!timeout.isZero()) {
                restore(timeout);
            }
        }
    }

    private void restore(Duration timeout) throws IOException {
        try {
            connection.setReadTimeout(timeout);
        } catch (IOException e) {
            if (peeked >= 0) {
                throw e;
            }
            // At the end of the stream, or after a failed read, the connection may be closed:
            // it has no timeout left to keep, and the read's outcome is what counts.
        }
    }

    @Override
    public InputStream input() {
        return input;
    }

    /**
     * Sets the read timeout, except at the end of the stream, where no read waits and a TLS
     * connection may already have closed itself on the peer's close_notify: there it is kept
     * for {@link #readTimeout()} only.
     */
    @Override
    public void setReadTimeout(Duration timeout) throws IOException {
        if (peeked == -1) {
            Timeouts.millis("readTimeout", timeout); // refuses what the connection would refuse
            atEnd = timeout;
            return;
        }
        connection.setReadTimeout(timeout);
    }

    @Override
    public Duration readTimeout() {
        return peeked == -1 && atEnd != null ? atEnd : connection.readTimeout();
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            int b = peeked;
            if (b == NONE) {
                return connection.input().read();
            }
            if (b >= 0) {
                peeked = NONE; // the end of the stream stays: every later read sees it too
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            int b = peeked;
            if (b == NONE) {
                return connection.input().read(bytes, offset, length);
            }
            if (length == 0) {
                return 0;
            }
            if (b < 0) {
                return -1;
            }
            peeked = NONE;
            bytes[offset] = (byte) b;
            InputStream in = connection.input();
            int more = Math.min(length - 1, in.available());
            int n = more > 0 ? in.read(bytes, offset + 1, more) : 0;
            return 1 + Math.max(0, n);
        }

        @Override
        public int available() throws IOException {
            int b = peeked;
            if (b == NONE) {
                return connection.input().available();
            }
            return b < 0 ? 0 : 1 + connection.input().available();
        }

        @Override
        public void close() throws IOException {
            connection.input().close();
        }
    }
}
