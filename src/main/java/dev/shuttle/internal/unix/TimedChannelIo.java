package dev.shuttle.internal.unix;

import dev.shuttle.internal.io.IdleCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads and writes a blocking {@link SocketChannel}, with an optional read timeout.
 *
 * <p>Without a timeout a read is the channel's own blocking read, which costs nothing extra. The
 * first read with a timeout starts a {@link ReadAhead}, and every later read goes through it, since
 * it may hold bytes already read. Writes are always the channel's own, whatever readers do.
 */
final class TimedChannelIo {
    private final SocketChannel channel;
    private final String name;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile int readTimeoutMillis;
    private volatile ReadAhead readAhead;

    TimedChannelIo(SocketChannel channel, String name) {
        this.channel = channel;
        this.name = name;
    }

    void setReadTimeoutMillis(int millis) throws IOException {
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
        readTimeoutMillis = millis;
    }

    int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    /** {@return whether reads go through a read-ahead thread, which may hold bytes the channel no longer has} */
    boolean readsAhead() {
        return readAhead != null;
    }

    int read(ByteBuffer buffer) throws IOException {
        readLock.lock();
        try {
            int timeout = readTimeoutMillis;
            ReadAhead ahead = readAhead;
            if (ahead == null) {
                if (timeout == 0) {
                    return channel.read(buffer);
                }
                ahead = new ReadAhead(channel, name);
                readAhead = ahead;
                if (!channel.isOpen()) {
                    ahead.close();
                }
            }
            return ahead.read(buffer, timeout);
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Checks an idle channel without blocking (see {@link dev.shuttle.internal.io.IdleCheck}):
     * fails at once while a read or write runs; through the read-ahead when one runs, since its
     * thread is blocked in a read of the channel.
     */
    boolean quiet() {
        if (!readLock.tryLock()) {
            return false;
        }
        try {
            ReadAhead ahead = readAhead;
            if (ahead != null) {
                return channel.isOpen() && ahead.quiet();
            }
            // Switching the channel's mode waits for a write in progress: fail instead.
            if (!writeLock.tryLock()) {
                return false;
            }
            try {
                return IdleCheck.quiet(channel);
            } finally {
                writeLock.unlock();
            }
        } finally {
            readLock.unlock();
        }
    }

    void writeFully(ByteBuffer buffer) throws IOException {
        writeLock.lock();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } finally {
            writeLock.unlock();
        }
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The descriptor is released even when close reports an error.
        }
        ReadAhead ahead = readAhead;
        if (ahead != null) {
            ahead.close();
        }
    }
}
