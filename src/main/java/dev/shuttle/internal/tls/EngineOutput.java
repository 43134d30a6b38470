package dev.shuttle.internal.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/** The output stream of an {@link EngineConnection}: every write is encrypted and sent in full. */
final class EngineOutput extends OutputStream {
    private final EngineIo io;

    EngineOutput(EngineIo io) {
        this.io = io;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        io.write(bytes, offset, length);
    }
}
