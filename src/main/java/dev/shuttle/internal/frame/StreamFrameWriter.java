package dev.shuttle.internal.frame;

import dev.shuttle.frame.FrameWriter;
import dev.shuttle.frame.Framing;
import dev.shuttle.internal.io.BufferPool;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes frames to a stream, a lock keeping the frames of concurrent writers apart.
 *
 * <p>A frame with nothing around its payload (fixed length) is written as it is. Otherwise the
 * prefix or delimiter is joined to the payload in a {@linkplain BufferPool pooled} buffer, so that
 * no write is a few lone bytes: a frame that fits in the buffer is one write; a larger one is two,
 * the prefix with the first part of the payload then the rest, or the payload's start then its
 * end with the delimiter. A delimiter longer than the buffer goes out in a write of its own, after
 * the payload. The buffer goes back to the pool after each frame: an idle writer holds no memory.
 */
public final class StreamFrameWriter implements FrameWriter {
    private final Framing framing;
    private final OutputStream out;
    private final FrameEncoding encoding;
    private final int header;
    private final byte[] trailer;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * Creates the writer.
     *
     * @param framing the framing it applies
     * @param out the stream
     * @param encoding what goes around each payload
     */
    public StreamFrameWriter(Framing framing, OutputStream out, FrameEncoding encoding) {
        this.framing = framing;
        this.out = out;
        this.encoding = encoding;
        this.header = encoding.headerLength();
        this.trailer = encoding.trailer();
    }

    @Override
    public Framing framing() {
        return framing;
    }

    @Override
    public void writeFrame(byte[] payload, int offset, int length) throws IOException {
        Objects.requireNonNull(payload, "payload");
        Objects.checkFromIndexSize(offset, length, payload.length);
        encoding.check(payload, offset, length);
        lock.lock();
        try {
            if (header == 0 && trailer.length == 0) {
                out.write(payload, offset, length);
            } else {
                writeJoined(payload, offset, length);
            }
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    private void writeJoined(byte[] payload, int offset, int length) throws IOException {
        if (trailer.length > BufferPool.SIZE) {
            // A delimiter longer than the buffer is no lone few bytes: it goes out after the payload.
            if (length > 0) {
                out.write(payload, offset, length);
            }
            out.write(trailer, 0, trailer.length);
            return;
        }
        byte[] joined = BufferPool.take();
        try {
            int room = joined.length - header - trailer.length;
            if (length <= room) {
                encoding.writeHeader(length, joined, 0);
                System.arraycopy(payload, offset, joined, header, length);
                System.arraycopy(trailer, 0, joined, header + length, trailer.length);
                out.write(joined, 0, header + length + trailer.length);
            } else if (header > 0) {
                int first = joined.length - header;
                encoding.writeHeader(length, joined, 0);
                System.arraycopy(payload, offset, joined, header, first);
                out.write(joined, 0, joined.length);
                out.write(payload, offset + first, length - first);
            } else {
                int last = joined.length - trailer.length;
                out.write(payload, offset, length - last);
                System.arraycopy(payload, offset + length - last, joined, 0, last);
                System.arraycopy(trailer, 0, joined, last, trailer.length);
                out.write(joined, 0, joined.length);
            }
        } finally {
            BufferPool.give(joined);
        }
    }
}
