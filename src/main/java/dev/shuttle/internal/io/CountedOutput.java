package dev.shuttle.internal.io;

import java.io.IOException;
import java.io.OutputStream;

/** A transport's output stream whose writes count in an {@link IoInProgress}. */
public final class CountedOutput extends OutputStream {
    private final OutputStream out;
    private final IoInProgress inProgress;

    /**
     * Wraps a stream.
     *
     * @param out the transport's stream, which this one closes
     * @param inProgress where writes count
     */
    public CountedOutput(OutputStream out, IoInProgress inProgress) {
        this.out = out;
        this.inProgress = inProgress;
    }

    @Override
    public void write(int b) throws IOException {
        inProgress.enter();
        try {
            out.write(b);
        } finally {
            inProgress.exit();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        inProgress.enter();
        try {
            out.write(bytes, offset, length);
        } finally {
            inProgress.exit();
        }
    }

    @Override
    public void flush() throws IOException {
        inProgress.enter();
        try {
            out.flush();
        } finally {
            inProgress.exit();
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
