package dev.shuttle.internal.server.serve;

import dev.shuttle.Connection;
import dev.shuttle.internal.io.ForwardingConnection;
import dev.shuttle.internal.io.IdleClosedException;
import dev.shuttle.internal.io.IdleWatched;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A connection on a thread of its own under the server's idle timeout: its streams note each read
 * and write that returns (writes in chunks, so that a long write making progress is not idle);
 * once {@link IdleTimeout} closes it, its calls fail with the idle timeout's exception. Taking the
 * socket underneath ({@link #unwrap}) ends the watch, since reads and writes there are not seen.
 */
final class IdleTrackedConnection extends ForwardingConnection implements IdleWatched {
    /** The most bytes written in one call underneath, so that progress is seen. */
    private static final int CHUNK = 64 * 1024;

    private final LongSupplier clock;
    private final IdleTimeout watch;
    private final InputStream input;
    private final OutputStream output;
    private volatile long lastActivity;
    private volatile IdleClosedException idle;

    IdleTrackedConnection(Connection connection, LongSupplier clock, IdleTimeout watch) {
        super(connection);
        this.clock = clock;
        this.watch = watch;
        this.lastActivity = clock.getAsLong();
        this.input = new Input(connection.input());
        this.output = new Output(connection.output());
    }

    @Override
    public long lastActivity() {
        return lastActivity;
    }

    @Override
    public void closeIdle(IdleClosedException why) {
        idle = why;
        connection.close();
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        Optional<T> found = connection.unwrap(type);
        if (found.isPresent()) {
            watch.forget(this);
        }
        return found;
    }

    @Override
    public void close() {
        watch.forget(this);
        connection.close();
    }

    private void moved() {
        lastActivity = clock.getAsLong();
    }

    private IOException failed(IOException e) {
        IdleClosedException why = idle;
        return why == null ? e : IdleWatched.failure(why, e);
    }

    private void checkOpen() throws SocketTimeoutException {
        IdleClosedException why = idle;
        if (why != null) {
            throw IdleWatched.failure(why, null);
        }
    }

    private final class Input extends InputStream {
        private final InputStream in;

        Input(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            checkOpen();
            try {
                int b = in.read();
                moved();
                return b;
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            checkOpen();
            try {
                int n = in.read(bytes, offset, length);
                moved();
                return n;
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private final class Output extends OutputStream {
        private final OutputStream out;

        Output(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            checkOpen();
            try {
                out.write(b);
                moved();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            checkOpen();
            try {
                int end = offset + length;
                for (int at = offset; at < end; at += CHUNK) {
                    out.write(bytes, at, Math.min(CHUNK, end - at));
                    moved();
                }
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void flush() throws IOException {
            checkOpen();
            try {
                out.flush();
                moved();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
