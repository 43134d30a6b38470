package dev.shuttle.internal.frame;

import dev.shuttle.Framing;
import java.io.IOException;
import java.io.InputStream;

/** Reads frames of one fixed length. */
public final class FixedLengthFrameReader extends BufferedFrameReader {
    private final int length;
    private byte[] pending;
    private int filled;

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
            pending = new byte[length];
            filled = 0;
        }
        fillFrame(pending, filled, "a fixed-length frame");
        byte[] frame = pending;
        pending = null;
        return frame;
    }

    @Override
    void progress(int filled) {
        this.filled = filled;
    }
}
