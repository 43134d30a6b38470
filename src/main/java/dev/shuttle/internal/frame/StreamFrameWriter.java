package dev.shuttle.internal.frame;

import dev.shuttle.FrameWriter;
import dev.shuttle.Framing;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes frames to a stream: header, payload and trailer copied into one scratch buffer and
 * written with one call when they fit in {@value #SCRATCH_LIMIT} bytes, written part by part
 * otherwise. A lock keeps the frames of concurrent writers apart.
 */
public final class StreamFrameWriter implements FrameWriter {
    /** The largest frame assembled in the scratch buffer; larger ones are not copied. */
    static final int SCRATCH_LIMIT = 64 * 1024;

    private final Framing framing;
    private final OutputStream out;
    private final FrameEncoding encoding;
    private final byte[] trailer;
    private final ReentrantLock lock = new ReentrantLock();
    private byte[] scratch = new byte[0];

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
        int header = encoding.headerLength();
        long total = (long) header + length + trailer.length;
        lock.lock();
        try {
            if (total <= SCRATCH_LIMIT) {
                if (scratch.length < total) {
                    scratch = new byte[(int) Math.min(SCRATCH_LIMIT, Math.max(total, 2L * scratch.length))];
                }
                encoding.writeHeader(length, scratch, 0);
                System.arraycopy(payload, offset, scratch, header, length);
                System.arraycopy(trailer, 0, scratch, header + length, trailer.length);
                out.write(scratch, 0, (int) total);
            } else {
                if (header > 0) {
                    byte[] prefix = new byte[header];
                    encoding.writeHeader(length, prefix, 0);
                    out.write(prefix);
                }
                out.write(payload, offset, length);
                if (trailer.length > 0) {
                    out.write(trailer);
                }
            }
            out.flush();
        } finally {
            lock.unlock();
        }
    }
}
