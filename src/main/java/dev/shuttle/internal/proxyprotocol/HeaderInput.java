package dev.shuttle.internal.proxyprotocol;

import java.io.IOException;

/** Where the parser reads a header's bytes from: never more than asked for. */
@FunctionalInterface
public interface HeaderInput {
    /**
     * Reads exactly {@code length} bytes into {@code buffer} at {@code offset}.
     *
     * @throws java.io.EOFException if the stream ends first
     * @throws IOException if reading failed or took too long
     */
    void readFully(byte[] buffer, int offset, int length) throws IOException;
}
