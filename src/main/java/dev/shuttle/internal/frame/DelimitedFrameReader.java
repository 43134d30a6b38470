package dev.shuttle.internal.frame;

import dev.shuttle.frame.FrameTooLargeException;
import dev.shuttle.frame.Framing;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads frames that end with a delimiter.
 *
 * <p>Each byte is scanned once: after a scan that found no delimiter, the next one resumes where a
 * delimiter could still start (the last {@code delimiter.length - 1} bytes). The buffer grows by
 * doubling while one frame does not fit, up to the maximum frame size plus the delimiter, so an
 * oversized frame is refused before more than that is buffered. After a long frame it shrinks back
 * to its first size as soon as what is left fits, so that a connection does not keep up to the
 * maximum frame size for as long as it is open.
 */
public final class DelimitedFrameReader extends BufferedFrameReader {
    private final byte[] delimiter;
    private final boolean kept;
    private final int maxFrameSize;
    private final int largestBuffer;
    private final int firstBuffer;
    /** How many buffered bytes, from {@code start}, are known not to start a delimiter. */
    private int scanned;

    /**
     * Creates the reader.
     *
     * @param framing the framing it applies
     * @param in the stream
     * @param source names the peer in messages, or empty
     * @param delimiter the delimiter, not empty
     * @param kept whether frames keep their delimiter
     * @param maxFrameSize the largest payload, delimiter excluded
     */
    public DelimitedFrameReader(Framing framing, InputStream in, String source, byte[] delimiter, boolean kept,
            int maxFrameSize) {
        super(framing, in, source, (int) Math.min(BUFFER_SIZE, (long) maxFrameSize + delimiter.length));
        this.delimiter = delimiter;
        this.kept = kept;
        this.maxFrameSize = maxFrameSize;
        this.largestBuffer = (int) Math.min(Integer.MAX_VALUE - 8, (long) maxFrameSize + delimiter.length);
        this.firstBuffer = buffer.length;
    }

    @Override
    byte[] next() throws IOException {
        while (true) {
            int found = find();
            if (found >= 0) {
                // The buffer never holds more than maxFrameSize + delimiter.length bytes, so a frame found
                // in it is within the limit.
                byte[] frame = Arrays.copyOfRange(buffer, start, kept ? found + delimiter.length : found);
                start = found + delimiter.length;
                scanned = 0;
                shrink();
                return frame;
            }
            // The last delimiter.length - 1 bytes may begin a delimiter; the frame holds at least the rest.
            long least = (long) buffered() - (delimiter.length - 1);
            if (least > maxFrameSize) {
                throw new FrameTooLargeException("Frame" + source + " exceeds the maximum frame size of " + maxFrameSize
                        + " bytes: no delimiter " + DelimiterText.of(delimiter) + " in its first " + least + " bytes",
                        least, maxFrameSize);
            }
            makeRoom();
            int n = fill();
            if (n < 0) {
                if (buffered() == 0) {
                    return null;
                }
                throw new EOFException("End of stream" + source + " inside a frame: " + buffered()
                        + " bytes arrived without the delimiter " + DelimiterText.of(delimiter) + " that ends a frame");
            }
        }
    }

    /** {@return where the next delimiter starts in the buffer, or -1 after noting how far it looked} */
    private int find() {
        int last = end - delimiter.length;
        byte first = delimiter[0];
        for (int i = start + scanned; i <= last; i++) {
            if (buffer[i] == first && matchesRest(i)) {
                return i;
            }
        }
        scanned = Math.max(0, last + 1 - start);
        return -1;
    }

    private boolean matchesRest(int at) {
        for (int j = 1; j < delimiter.length; j++) {
            if (buffer[at + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    /** Frees space at the end of a full buffer: moves the frame to the front, or grows the buffer. */
    private void makeRoom() {
        if (end < buffer.length) {
            return;
        }
        if (start > 0) {
            compact();
            return;
        }
        // One frame fills the whole buffer: it must be longer than the buffer, and may be up to the limit.
        buffer = Arrays.copyOf(buffer, (int) Math.min(largestBuffer, 2L * buffer.length));
    }

    /** Goes back to the first buffer size after a long frame, when what is left fits in it. */
    private void shrink() {
        if (buffer.length > firstBuffer && buffered() <= firstBuffer) {
            byte[] smaller = new byte[firstBuffer];
            System.arraycopy(buffer, start, smaller, 0, buffered());
            end = buffered();
            start = 0;
            buffer = smaller;
        }
    }

    /** {@return the buffer's size now} */
    int capacity() {
        return buffer.length;
    }
}
