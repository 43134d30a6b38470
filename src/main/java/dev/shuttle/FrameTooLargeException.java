package dev.shuttle;

import java.net.ProtocolException;

/**
 * A peer sent a frame larger than the {@linkplain Framing#maxFrameSize() maximum frame size}: a
 * length prefix announcing more, or no delimiter within that many bytes. Thrown before the frame
 * is buffered; the reader that threw it cannot go on.
 */
public final class FrameTooLargeException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /** The frame's announced size, or the least it can be. */
    private final long frameSize;
    /** The limit the frame exceeded. */
    private final int maxFrameSize;

    /**
     * Creates the exception.
     *
     * @param message the message, naming the size and the limit
     * @param frameSize the frame's size as announced by a length prefix, or for a delimited frame
     *     the bytes that arrived without a delimiter (the least it can be)
     * @param maxFrameSize the limit
     */
    public FrameTooLargeException(String message, long frameSize, int maxFrameSize) {
        super(message);
        this.frameSize = frameSize;
        this.maxFrameSize = maxFrameSize;
    }

    /**
     * {@return the frame's size in bytes as its length prefix announced it (unsigned), or for a
     * delimited frame the least it can be}
     */
    public long frameSize() {
        return frameSize;
    }

    /** {@return the maximum frame size that was exceeded} */
    public int maxFrameSize() {
        return maxFrameSize;
    }
}
