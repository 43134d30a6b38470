package dev.shuttle.internal.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A connection's input stream over a {@link ByteSource}. Closing it closes the connection, as
 * closing a {@link java.net.Socket}'s stream does.
 */
public final class SourceInputStream extends InputStream {
    private final ByteSource source;
    private final Runnable close;

    /**
     * Creates the stream.
     *
     * @param source where bytes come from
     * @param close closes the connection
     */
    public SourceInputStream(ByteSource source, Runnable close) {
        this.source = source;
        this.close = close;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return length == 0 ? 0 : source.read(bytes, offset, length);
    }

    @Override
    public int available() {
        return source.available();
    }

    @Override
    public void close() {
        close.run();
    }
}
