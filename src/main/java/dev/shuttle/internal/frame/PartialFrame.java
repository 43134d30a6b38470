package dev.shuttle.internal.frame;

import java.util.Arrays;

/**
 * A frame of known size (announced by a length prefix, or a fixed length) while its bytes arrive.
 *
 * <p>Its array grows with the bytes that have arrived, never with the size announced: it starts
 * empty, grows only to take bytes that arrived and do not fit, and then at least doubles, up to
 * the size and no further. So it is never more than twice the bytes that arrived: a peer that
 * announces the maximum frame size and stalls costs nothing, and a peer can make a reader hold
 * memory only in proportion to what it actually sent. Doubling keeps the copying linear: the bytes
 * of a frame are copied less than once more in all as it grows. When the last byte arrives the
 * array is exactly the frame.
 */
final class PartialFrame {
    private static final byte[] NOTHING_YET = new byte[0];

    private final int size;
    private byte[] bytes;
    private int filled;

    /**
     * Starts a frame.
     *
     * @param size its size in bytes, already checked against the maximum frame size
     */
    PartialFrame(int size) {
        this.size = size;
        this.bytes = size == 0 ? new byte[0] : NOTHING_YET;
    }

    /** {@return the frame's size} */
    int size() {
        return size;
    }

    /** {@return how many of its bytes have arrived} */
    int filled() {
        return filled;
    }

    /** {@return how many bytes are still missing} */
    int missing() {
        return size - filled;
    }

    /** {@return whether every byte has arrived} */
    boolean complete() {
        return filled == size;
    }

    /** {@return the array the bytes go into, from {@link #filled()} to {@link #room()} bytes on} */
    byte[] array() {
        return bytes;
    }

    /** {@return how many bytes fit in the array after those that arrived, without growing it} */
    int room() {
        return bytes.length - filled;
    }

    /**
     * Copies bytes that arrived (as many as the frame still misses), growing the array to hold
     * them.
     *
     * @param from where they are
     * @param offset where they start
     * @param available how many there are
     * @return how many were taken
     */
    int take(byte[] from, int offset, int available) {
        int n = Math.min(available, missing());
        if (n > room()) {
            grow(filled + n);
        }
        System.arraycopy(from, offset, bytes, filled, n);
        filled += n;
        return n;
    }

    /**
     * Records bytes that were read straight into {@link #array()} after those that had arrived.
     *
     * @param n how many
     */
    void advance(int n) {
        filled += n;
    }

    /**
     * {@return the whole frame, an array of exactly its size}
     *
     * @throws IllegalStateException if bytes are missing
     */
    byte[] frame() {
        if (!complete()) {
            throw new IllegalStateException(missing() + " of " + size + " bytes missing");
        }
        return bytes;
    }

    private void grow(int needed) {
        long doubled = 2L * bytes.length;
        int capacity = (int) Math.min(size, Math.max(needed, doubled));
        bytes = Arrays.copyOf(bytes, capacity);
    }
}
