package dev.shuttle.internal.frame;

import dev.shuttle.frame.FrameReader;
import dev.shuttle.frame.Framing;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * What every frame reader shares: the read buffer, reading a frame of known size into an array
 * that grows as its bytes arrive (straight into it once it has room), and the rule that a read
 * timeout leaves the reader usable while any other failure makes it unusable.
 *
 * <p>The buffered bytes are {@code buffer[start..end)}. A subclass keeps the state of a frame in
 * progress in fields (a {@link PartialFrame}, or its buffer), so that a
 * {@link SocketTimeoutException} in the middle of a frame loses nothing.
 */
abstract class BufferedFrameReader implements FrameReader {
    /** The buffer's first size, and the size of a read when the buffer is empty. */
    static final int BUFFER_SIZE = 8 * 1024;

    private final Framing framing;
    private final InputStream in;
    /** Names the peer in messages: {@code " from tcp://127.0.0.1:80"}, or empty. */
    final String source;
    byte[] buffer;
    int start;
    int end;
    private IOException failure;

    BufferedFrameReader(Framing framing, InputStream in, String source, int bufferSize) {
        this.framing = framing;
        this.in = in;
        this.source = source;
        this.buffer = new byte[bufferSize];
    }

    @Override
    public final Framing framing() {
        return framing;
    }

    @Override
    public final byte[] readFrame() throws IOException {
        if (failure != null) {
            throw new IOException("The frame reader" + source + " failed before and cannot go on: " + failure.getMessage(),
                    failure);
        }
        try {
            return next();
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** {@return the next frame, or {@code null} at a clean end of stream} */
    abstract byte[] next() throws IOException;

    /** {@return how many bytes are buffered} */
    final int buffered() {
        return end - start;
    }

    /**
     * Reads once into the free space after {@code end}, first moving the buffered bytes to the
     * front when there is no free space (or none is needed at the front).
     *
     * @return the number of bytes read, or {@code -1} at end of stream
     */
    final int fill() throws IOException {
        if (start == end) {
            start = 0;
            end = 0;
        } else if (end == buffer.length && start > 0) {
            compact();
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n > 0) {
            end += n;
        }
        return n;
    }

    /** Moves the buffered bytes to the front of the buffer; returns how far they moved. */
    int compact() {
        int moved = start;
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
        return moved;
    }

    /**
     * Completes a frame of known size: first with buffered bytes, then from the stream, straight
     * into the frame's array when it has room for at least a buffer's worth, through the buffer
     * otherwise (the frame's array grows as those bytes are taken; see {@link PartialFrame}).
     *
     * @param frame the frame being read, which keeps what arrived across a read timeout
     * @param what names the frame for an end-of-stream message, such as {@code "a fixed-length frame"}
     * @return the whole frame
     * @throws EOFException if the stream ends first, saying how many bytes were missing
     * @throws java.net.SocketTimeoutException if a read timed out; the frame has kept what arrived,
     *     so the next call goes on from there
     */
    final byte[] fillFrame(PartialFrame frame, String what) throws IOException {
        take(frame);
        while (!frame.complete()) {
            int n;
            if (frame.room() >= buffer.length) {
                n = in.read(frame.array(), frame.filled(), frame.room());
                if (n > 0) {
                    frame.advance(n);
                }
            } else {
                n = fill();
                take(frame);
            }
            if (n < 0) {
                throw new EOFException("End of stream" + source + " inside " + what + ": " + frame.filled() + " of its "
                        + frame.size() + " bytes arrived, " + frame.missing() + " missing");
            }
        }
        return frame.frame();
    }

    private void take(PartialFrame frame) {
        start += frame.take(buffer, start, end - start);
    }
}
