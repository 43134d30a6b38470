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
    private final List<Integer> chunkSizes;
    private final List<Integer> timeoutsBeforeReads;
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
        this.chunkSizes = chunkSizes.isEmpty() ? List.of(Integer.MAX_VALUE) : chunkSizes;
        this.timeoutsBeforeReads = timeoutsBeforeReads;
    }

    @Override
    public int read() {
        throw new AssertionError("a frame reader must not read a byte at a time");
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws SocketTimeoutException {
        int call = reads++;
        if (timeoutsBeforeReads.contains(call)) {
            throw new SocketTimeoutException("Read timed out (scripted, read " + call + ")");
        }
        if (length == 0) {
            return 0;
        }
        if (position == bytes.length) {
            return -1;
        }
        int size = Math.max(1, chunkSizes.get(call % chunkSizes.size()));
        int n = Math.min(Math.min(size, length), bytes.length - position);
        System.arraycopy(bytes, position, buffer, offset, n);
        position += n;
        return n;
    }
}
