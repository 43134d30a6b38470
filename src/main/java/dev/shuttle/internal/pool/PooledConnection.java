package dev.shuttle.internal.pool;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.internal.io.ForwardingConnection;
import dev.shuttle.internal.io.IdleCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A borrowed connection: closing it gives it back to its pool. It watches its own use: a failed
 * or timed-out read or write, end of stream, a half-close or closing a stream marks it broken, and
 * a broken connection is closed instead of kept. After it is given back, its streams refuse to work,
 * since the connection underneath may already serve someone else.
 *
 * <p>It counts the reads and writes in progress. A close while one runs (from another thread) does
 * not check the connection, which would wait for that read: it closes the connection underneath,
 * which ends the read with an {@link IOException}, and frees its place. A read or write first
 * counts itself, then checks that the connection is still borrowed; a close first marks it given
 * back, then looks at the count: so either the read fails at once, or the close sees it.
 */
public final class PooledConnection extends ForwardingConnection {
    private final Pool pool;
    private final Endpoint endpoint;
    private final long openedAt;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final AtomicBoolean givenBack = new AtomicBoolean();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final InputStream input;
    private final OutputStream output;
    private volatile boolean broken;

    PooledConnection(Pool pool, Endpoint endpoint, Connection connection, long openedAt) {
        super(connection);
        this.pool = pool;
        this.endpoint = endpoint;
        this.openedAt = openedAt;
        this.readTimeout = connection.readTimeout();
        this.writeTimeout = connection.writeTimeout();
        this.input = new Input();
        this.output = new Output();
    }

    Endpoint endpoint() {
        return endpoint;
    }

    Connection underneath() {
        return connection;
    }

    long openedAt() {
        return openedAt;
    }

    /** Closes the connection underneath and frees its place in the pool. */
    public void discard() {
        broken = true;
        if (givenBack.compareAndSet(false, true)) {
            pool.giveBack(this, false); // which closes it
        }
    }

    @Override
    public void close() {
        if (givenBack.compareAndSet(false, true)) {
            // A read or write still running (another thread's) makes it unfit, and checking it would wait.
            pool.giveBack(this, inProgress.get() == 0 && reusable());
        }
    }

    private boolean reusable() {
        if (broken || !connection.isOpen()) {
            return false;
        }
        try {
            // Bytes left unread (a reply not read to its end) would go to the next borrower.
            boolean quiet = connection instanceof IdleCheck check ? check.quiet() : connection.input().available() == 0;
            if (!quiet) {
                return false;
            }
            if (!connection.readTimeout().equals(readTimeout)) {
                connection.setReadTimeout(readTimeout);
            }
            if (!connection.writeTimeout().equals(writeTimeout)) {
                connection.setWriteTimeout(writeTimeout);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void checkBorrowed() throws IOException {
        if (givenBack.get()) {
            throw givenBackError();
        }
    }

    private IOException givenBackError() {
        return new IOException("Connection to " + endpoint + " was given back to its pool; borrow another");
    }

    /** Counts a read or write in, if the connection is still borrowed. */
    private void begin() throws IOException {
        inProgress.incrementAndGet();
        if (givenBack.get()) {
            inProgress.decrementAndGet();
            throw givenBackError();
        }
    }

    private void end() {
        inProgress.decrementAndGet();
    }

    private IOException broken(IOException e) {
        broken = true;
        return e;
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
    public void setReadTimeout(Duration timeout) throws IOException {
        checkBorrowed();
        connection.setReadTimeout(timeout);
    }

    @Override
    public void setWriteTimeout(Duration timeout) throws IOException {
        checkBorrowed();
        connection.setWriteTimeout(timeout);
    }

    @Override
    public void shutdownOutput() throws IOException {
        checkBorrowed();
        broken = true;
        connection.shutdownOutput();
    }

    @Override
    public boolean isOpen() {
        return !givenBack.get() && connection.isOpen();
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : connection.unwrap(type);
    }

    @Override
    public String toString() {
        return "PooledConnection[" + connection + (givenBack.get() ? ", given back" : "") + "]";
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            begin();
            try {
                int b = connection.input().read();
                broken |= b < 0;
                return b;
            } catch (IOException e) {
                throw broken(e);
            } finally {
                end();
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            begin();
            try {
                int n = connection.input().read(bytes, offset, length);
                broken |= n < 0;
                return n;
            } catch (IOException e) {
                throw broken(e);
            } finally {
                end();
            }
        }

        @Override
        public long transferTo(OutputStream out) throws IOException {
            begin();
            broken = true; // it reads to end of stream
            try {
                return connection.input().transferTo(out);
            } finally {
                end();
            }
        }

        @Override
        public int available() throws IOException {
            checkBorrowed();
            return connection.input().available();
        }

        @Override
        public void close() {
            discard();
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            begin();
            try {
                connection.output().write(b);
            } catch (IOException e) {
                throw broken(e);
            } finally {
                end();
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            begin();
            try {
                connection.output().write(bytes, offset, length);
            } catch (IOException e) {
                throw broken(e);
            } finally {
                end();
            }
        }

        @Override
        public void flush() throws IOException {
            begin();
            try {
                connection.output().flush();
            } catch (IOException e) {
                throw broken(e);
            } finally {
                end();
            }
        }

        @Override
        public void close() {
            discard();
        }
    }
}
