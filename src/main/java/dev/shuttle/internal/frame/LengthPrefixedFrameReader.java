package dev.shuttle.internal.frame;

import dev.shuttle.frame.FrameTooLargeException;
import dev.shuttle.frame.Framing;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;

/**
 * Reads frames preceded by their length: an unsigned integer of 1, 2, 4 or 8 bytes. The length is
 * checked against the maximum frame size as soon as the prefix is read; the frame's array then
 * grows with the bytes that arrive ({@link PartialFrame}), so a prefix alone costs nothing.
 */
public final class LengthPrefixedFrameReader extends BufferedFrameReader {
    private final int prefixLength;
    private final boolean bigEndian;
    private final boolean includesPrefix;
    private final int maxFrameSize;
    /** The frame whose prefix was read, or {@code null} between frames. */
    private PartialFrame pending;

    /**
     * Creates the reader.
     *
     * @param framing the framing it applies
     * @param in the stream
     * @param source names the peer in messages, or empty
     * @param prefixLength 1, 2, 4 or 8
     * @param bigEndian the prefix's byte order
     * @param includesPrefix whether the length counts the prefix's own bytes
     * @param maxFrameSize the largest payload
     */
    public LengthPrefixedFrameReader(Framing framing, InputStream in, String source, int prefixLength, boolean bigEndian,
            boolean includesPrefix, int maxFrameSize) {
        super(framing, in, source, BUFFER_SIZE);
        this.prefixLength = prefixLength;
        this.bigEndian = bigEndian;
        this.includesPrefix = includesPrefix;
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    byte[] next() throws IOException {
        if (pending == null) {
            while (buffered() < prefixLength) {
                if (buffer.length - start < prefixLength) {
                    compact();
                }
                if (fill() < 0) {
                    if (buffered() == 0) {
                        return null;
                    }
                    throw new EOFException("End of stream" + source + " inside a length prefix: " + buffered() + " of its "
                            + prefixLength + " bytes arrived, " + (prefixLength - buffered()) + " missing");
                }
            }
            long length = decode();
            start += prefixLength;
            pending = new PartialFrame(payloadSize(length));
        }
        byte[] frame = fillFrame(pending, "a frame");
        pending = null;
        return frame;
    }

    private long decode() {
        long value = 0;
        for (int i = 0; i < prefixLength; i++) {
            int b = buffer[start + (bigEndian ? i : prefixLength - 1 - i)] & 0xff;
            value = (value << 8) | b;
        }
        return value;
    }

    private int payloadSize(long length) throws ProtocolException {
        long size = length;
        if (includesPrefix) {
            if (Long.compareUnsigned(length, prefixLength) < 0) {
                throw new ProtocolException("Length prefix" + source + " says " + length + " bytes, fewer than the "
                        + prefixLength + " bytes of the prefix it counts");
            }
            size = length - prefixLength;
        }
        if (Long.compareUnsigned(size, maxFrameSize) > 0) {
            throw new FrameTooLargeException("Frame" + source + " of " + Long.toUnsignedString(size)
                    + " bytes exceeds the maximum frame size of " + maxFrameSize + " bytes", size, maxFrameSize);
        }
        return (int) size;
    }
}
