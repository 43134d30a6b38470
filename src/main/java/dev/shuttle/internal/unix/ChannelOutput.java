package dev.shuttle.internal.unix;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/** The output stream of a {@link ChannelConnection}: every write goes to the channel in full. */
final class ChannelOutput extends OutputStream {
    private final TimedChannelIo io;

    ChannelOutput(TimedChannelIo io) {
        this.io = io;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        io.writeFully(ByteBuffer.wrap(bytes, offset, length));
    }

    @Override
    public void close() {
        io.close();
    }
}
