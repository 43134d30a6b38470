package dev.shuttle.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** The input stream of an {@link EngineConnection}: decrypted bytes from the peer. */
final class EngineInput extends InputStream {
    private final EngineIo io;

    EngineInput(EngineIo io) {
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
        return length == 0 ? 0 : io.read(bytes, offset, length);
    }

    @Override
    public int available() {
        return io.available();
    }
}
