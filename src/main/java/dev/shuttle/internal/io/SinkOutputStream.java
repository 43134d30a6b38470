package dev.shuttle.internal.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A connection's output stream: every write goes to the transport in full. Closing it closes the
 * connection, as closing a {@link java.net.Socket}'s stream does.
 */
public final class SinkOutputStream extends OutputStream {
    /** Where the bytes go. */
    @FunctionalInterface
    public interface ByteSink {
        /**
         * Writes all the bytes, blocking until they are handed to the transport.
         *
         * @param bytes the source
         * @param offset where to start
         * @param length how many
         * @throws IOException if the write failed
         */
        void write(byte[] bytes, int offset, int length) throws IOException;
    }

    private final ByteSink sink;
    private final Runnable close;

    /**
     * Creates the stream.
     *
     * @param sink where bytes go
     * @param close closes the connection
     */
    public SinkOutputStream(ByteSink sink, Runnable close) {
        this.sink = sink;
        this.close = close;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length > 0) {
            sink.write(bytes, offset, length);
        }
    }

    @Override
    public void close() {
        close.run();
    }
}
