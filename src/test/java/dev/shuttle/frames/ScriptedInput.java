package dev.shuttle.frames;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An input stream that hands out scripted chunks, one per read (never more than asked), then end of
 * stream; a {@code null} chunk throws a {@link SocketTimeoutException} as a read timeout would.
 * Counts the reads, so tests can see how a reader buffers.
 */
final class ScriptedInput extends InputStream {
    private final Deque<byte[]> chunks = new ArrayDeque<>();
    private byte[] current = new byte[0];
    private int position;
    int reads;
    int largestAsk;

    ScriptedInput chunk(byte[] bytes) {
        chunks.add(bytes);
        return this;
    }

    ScriptedInput timeout() {
        chunks.add(TIMEOUT);
        return this;
    }

    /** Adds each byte as a chunk of its own: a peer writing one byte at a time. */
    ScriptedInput trickle(byte[] bytes) {
        for (byte b : bytes) {
            chunks.add(new byte[] {b});
        }
        return this;
    }

    private static final byte[] TIMEOUT = new byte[0];

    @Override
    public int read() {
        throw new AssertionError("a frame reader must not read a byte at a time");
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        reads++;
        largestAsk = Math.max(largestAsk, length);
        if (position == current.length) {
            if (chunks.isEmpty()) {
                return -1;
            }
            current = chunks.poll();
            position = 0;
            if (current == TIMEOUT) {
                current = new byte[0];
                throw new SocketTimeoutException("Read timed out");
            }
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }
}
