package dev.shuttle.fuzz;

import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * A stream of fixed bytes handed out in chunks of sizes the fuzzer chose (cycled, never more than
 * asked, never zero), with read timeouts thrown before chosen reads, then end of stream.
 */
final class ChunkedInput extends InputStream {
    private final byte[] bytes;
    private final int[] chunkSizes;
    /** Kept as an array: boxing the read count for a list lookup would allocate on every read. */
    private final int[] timeoutsBeforeReads;
    private int position;
    private int reads;

    /**
     * @param bytes what the stream holds
     * @param chunkSizes the most each read returns, in turn; each at least 1
     * @param timeoutsBeforeReads read numbers (counted from 0, timeouts included) that throw a
     *     {@link SocketTimeoutException} instead of reading
     */
    ChunkedInput(byte[] bytes, List<Integer> chunkSizes, List<Integer> timeoutsBeforeReads) {
        this.bytes = bytes;
        this.chunkSizes = chunkSizes.isEmpty() ? new int[] {Integer.MAX_VALUE}
                : chunkSizes.stream().mapToInt(Integer::intValue).toArray();
        this.timeoutsBeforeReads = timeoutsBeforeReads.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int read() {
        throw new AssertionError("a frame reader must not read a byte at a time");
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws SocketTimeoutException {
        int call = reads++;
        for (int timeout : timeoutsBeforeReads) {
            if (timeout == call) {
                throw new SocketTimeoutException("Read timed out (scripted, read " + call + ")");
            }
        }
        if (length == 0) {
            return 0;
        }
        if (position == bytes.length) {
            return -1;
        }
        int size = Math.max(1, chunkSizes[call % chunkSizes.length]);
        int n = Math.min(Math.min(size, length), bytes.length - position);
        System.arraycopy(bytes, position, buffer, offset, n);
        position += n;
        return n;
    }
}
