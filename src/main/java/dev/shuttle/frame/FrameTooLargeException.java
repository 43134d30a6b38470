package dev.shuttle.frame;

import java.net.ProtocolException;

/**
 * A peer sent a frame larger than the {@linkplain Framing#maxFrameSize() maximum frame size}: a
 * length prefix announcing more, or no delimiter within that many bytes. For a length prefix it is
 * thrown as soon as the prefix is read, before any of the frame is read or allocated; for a
 * delimiter, after the maximum frame size plus the delimiter's length has been buffered (at most
 * that much). The reader that threw it cannot go on.
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
     * {@return the frame's size in bytes as its length prefix announced it, or for a delimited
     * frame the least it can be} The value is unsigned: an 8-byte prefix can announce more than
     * {@code Long.MAX_VALUE}, which reads here as a negative number; print it with
     * {@link Long#toUnsignedString(long)} and compare it with {@link Long#compareUnsigned}.
     */
    public long frameSize() {
        return frameSize;
    }

    /** {@return the maximum frame size that was exceeded} */
    public int maxFrameSize() {
        return maxFrameSize;
    }
}
