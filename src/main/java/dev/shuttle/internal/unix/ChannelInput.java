package dev.shuttle.internal.unix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/** The input stream of a {@link ChannelConnection}. */
final class ChannelInput extends InputStream {
    private final TimedChannelIo io;

    ChannelInput(TimedChannelIo io) {
        this.io = io;
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
        if (length == 0) {
            return 0;
        }
        return io.read(ByteBuffer.wrap(bytes, offset, length));
    }

    @Override
    public void close() {
        io.close();
    }
}
