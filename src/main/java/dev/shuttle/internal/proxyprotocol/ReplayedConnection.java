package dev.shuttle.internal.proxyprotocol;

import dev.shuttle.Connection;
import dev.shuttle.internal.io.ForwardingConnection;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A connection whose first bytes were read to find out whether a PROXY header came, and are given
 * back: its stream returns them first, then reads on from the connection, so the handler (or the
 * TLS handshake) sees every byte the client sent, in order. A read that returns bytes given back
 * does not also wait on the connection.
 */
final class ReplayedConnection extends ForwardingConnection {
    private final InputStream input = new Input();
    private final byte[] replayed;
    /** How many of the bytes given back were read. Only the connection's reader uses it. */
    private int at;

    /**
     * @param connection the connection, positioned right after {@code replayed}
     * @param replayed the bytes read from it, owned by this object
     */
    ReplayedConnection(Connection connection, byte[] replayed) {
        super(connection);
        this.replayed = replayed;
    }

    @Override
    public InputStream input() {
        return input;
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            if (at < replayed.length) {
                return replayed[at++] & 0xFF;
            }
            return connection.input().read();
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            if (length == 0) {
                return 0;
            }
            if (at < replayed.length) {
                int n = Math.min(length, replayed.length - at);
                System.arraycopy(replayed, at, bytes, offset, n);
                at += n;
                return n;
            }
            return connection.input().read(bytes, offset, length);
        }

        /** Gives back what is left, then lets the connection's own stream transfer the rest. */
        @Override
        public long transferTo(java.io.OutputStream out) throws IOException {
            Objects.requireNonNull(out, "out");
            int left = replayed.length - at;
            if (left > 0) {
                out.write(replayed, at, left);
                at = replayed.length;
            }
            return left + connection.input().transferTo(out);
        }

        @Override
        public int available() throws IOException {
            return replayed.length - at + connection.input().available();
        }

        @Override
        public void close() throws IOException {
            connection.input().close();
        }
    }
}
