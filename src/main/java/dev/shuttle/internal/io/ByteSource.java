package dev.shuttle.internal.io;

import java.io.IOException;

/** Where a connection's input stream reads from: a channel, a TLS engine. */
public interface ByteSource {
    /**
     * Reads at least one byte, blocking until some arrive.
     *
     * @param bytes the destination
     * @param offset where to start in it
     * @param length at least 1
     * @return how many were read, or -1 at end of stream
     * @throws IOException if the read failed or timed out
     */
    int read(byte[] bytes, int offset, int length) throws IOException;

    /** {@return how many bytes can be read without blocking; 0 when unknown} */
    default int available() {
        return 0;
    }
}
