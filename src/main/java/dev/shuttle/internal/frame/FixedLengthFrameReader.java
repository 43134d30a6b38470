package dev.shuttle.internal.frame;

import dev.shuttle.frame.Framing;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames of one fixed length. A frame's array grows with the bytes that arrive
 * ({@link PartialFrame}): a large length costs nothing until the peer sends.
 */
public final class FixedLengthFrameReader extends BufferedFrameReader {
    private final int length;
    /** The frame whose first bytes arrived, or {@code null} between frames. */
    private PartialFrame pending;

    /**
     * Creates the reader.
     *
     * @param framing the framing it applies
     * @param in the stream
     * @param source names the peer in messages, or empty
     * @param length the length of every frame
     */
    public FixedLengthFrameReader(Framing framing, InputStream in, String source, int length) {
        super(framing, in, source, BUFFER_SIZE);
        this.length = length;
    }

    @Override
    byte[] next() throws IOException {
        if (pending == null) {
            if (buffered() == 0 && fill() < 0) {
                return null;
            }
            pending = new PartialFrame(length);
        }
        byte[] frame = fillFrame(pending, "a fixed-length frame");
        pending = null;
        return frame;
    }
}
