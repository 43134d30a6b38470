package dev.shuttle.internal.unix;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads and writes a {@link SocketChannel} with an optional read timeout.
 *
 * <p>Without a timeout the channel is used in blocking mode, which costs nothing extra. The first
 * read after a timeout is set switches the channel, once and for good, to non-blocking mode with a
 * selector per direction (reads and writes can then wait at the same time). The switch waits for a
 * write in progress to finish. An interrupt while waiting closes the channel, as a blocking channel
 * would.
 */
final class TimedChannelIo {
    private final SocketChannel channel;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object selectorLock = new Object();
    private volatile int readTimeoutMillis;
    private volatile boolean nonBlocking;
    private Selector readSelector;
    private Selector writeSelector;
    private boolean closed;

    TimedChannelIo(SocketChannel channel) {
        this.channel = channel;
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

    int read(ByteBuffer buffer) throws IOException {
        readLock.lock();
        try {
            int timeout = readTimeoutMillis;
            if (timeout > 0 && !nonBlocking) {
                switchToNonBlocking();
            }
            if (!nonBlocking) {
                return channel.read(buffer);
            }
            long deadline = timeout > 0 ? System.nanoTime() + timeout * 1_000_000L : 0;
            while (true) {
                int n = channel.read(buffer);
                if (n != 0) {
                    return n;
                }
                long wait = 0;
                if (deadline != 0) {
                    wait = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
                    if (wait == 0) {
                        throw new SocketTimeoutException("Read timed out after " + timeout + " ms");
                    }
                }
                await(selector(true), wait);
            }
        } finally {
            readLock.unlock();
        }
    }

    void writeFully(ByteBuffer buffer) throws IOException {
        writeLock.lock();
        try {
            while (buffer.hasRemaining()) {
                int n = channel.write(buffer);
                if (n == 0 && nonBlocking) {
                    await(selector(false), 0);
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void switchToNonBlocking() throws IOException {
        writeLock.lock();
        try {
            channel.configureBlocking(false);
            nonBlocking = true;
        } finally {
            writeLock.unlock();
        }
    }

    private Selector selector(boolean forReading) throws IOException {
        synchronized (selectorLock) {
            if (closed) {
                throw new ClosedChannelException();
            }
            Selector selector = forReading ? readSelector : writeSelector;
            if (selector == null) {
                selector = Selector.open();
                try {
                    channel.register(selector, forReading ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
                } catch (IOException e) {
                    selector.close();
                    throw e;
                }
                if (forReading) {
                    readSelector = selector;
                } else {
                    writeSelector = selector;
                }
            }
            return selector;
        }
    }

    private void await(Selector selector, long millis) throws IOException {
        selector.select(millis);
        selector.selectedKeys().clear();
        if (Thread.currentThread().isInterrupted()) {
            close();
            throw new ClosedByInterruptException();
        }
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
    }

    void close() {
        Selector reading;
        Selector writing;
        synchronized (selectorLock) {
            closed = true;
            reading = readSelector;
            writing = writeSelector;
        }
        closeQuietly(channel);
        closeQuietly(reading);
        closeQuietly(writing);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // The descriptor is released even when close reports an error.
        }
    }
}
