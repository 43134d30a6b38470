package dev.shuttle;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * An open, duplex byte stream to a peer: a TCP socket, a TLS session or a Unix domain socket.
 *
 * <p>One thread may read while another writes. Reads block until data arrives, the peer closes
 * its side ({@code -1}), the {@linkplain #setReadTimeout(Duration) read timeout} passes
 * ({@link java.net.SocketTimeoutException}, the connection stays usable) or the connection is
 * closed. Writes block until the transport takes the bytes; with a
 * {@linkplain #setWriteTimeout(Duration) write timeout}, a write that makes no progress for that
 * long fails and closes the connection. Interrupting a virtual thread blocked in a read or write closes the connection,
 * and the call fails with {@link java.io.InterruptedIOException} naming the peer.
 *
 * {@snippet :
 * try (Connection connection = Connector.tcp().connect("tcp://127.0.0.1:7")) {
 *     connection.output().write("ping\n".getBytes(StandardCharsets.US_ASCII));
 *     connection.shutdownOutput();
 *     byte[] reply = connection.input().readAllBytes();
 * }
 * }
 */
public interface Connection extends Closeable {

    /**
     * {@return the stream of bytes from the peer; the same object on every call}. Over TLS, end of
     * stream ({@code -1}) means the peer ended TLS with {@code close_notify}; a transport that ends
     * without it (a peer that crashed, or someone on the path cutting the stream to truncate it)
     * fails the read, and every later one, with an {@link java.io.EOFException} saying that no
     * {@code close_notify} was received, over TCP and Unix sockets alike.
     */
    InputStream input();

    /**
     * {@return the stream of bytes to the peer; the same object on every call}. It is not
     * buffered: every {@code write} goes to the transport, so wrap it in a
     * {@link java.io.BufferedOutputStream} for many small writes.
     */
    OutputStream output();

    /** {@return the peer's address, such as {@code tcp://127.0.0.1:8080} or {@code unix:///run/app.sock}} */
    Endpoint remoteAddress();

    /** {@return this side's address; for a Unix client usually the unnamed {@code unix://}} */
    Endpoint localAddress();

    /**
     * Sets how long a read may wait for data before it throws
     * {@link java.net.SocketTimeoutException}; the connection stays open after the timeout.
     *
     * @param timeout the longest wait, or {@link Duration#ZERO} to wait for ever (the default);
     *     {@link Integer#MAX_VALUE} milliseconds (about 24.8 days, the most a socket timeout
     *     holds) or more, such as {@code ChronoUnit.FOREVER}, also waits for ever
     * @throws IllegalArgumentException if the timeout is negative
     * @throws IOException if the connection is closed
     */
    void setReadTimeout(Duration timeout) throws IOException;

    /** {@return the current read timeout, {@link Duration#ZERO} for none} */
    Duration readTimeout();

    /**
     * Sets how long a write may go without progress before it fails. A write blocks while the
     * peer does not read and the transport's buffers are full; with a timeout, a write during
     * which no bytes have been handed to the transport for that long fails with
     * {@link java.net.SocketTimeoutException} (naming the peer and the timeout) and <em>closes
     * the connection</em>, since a stream written in part cannot be resumed. A peer that reads
     * slowly but steadily does not trip it: the timeout counts from the last progress, not from
     * the start of the write. Time between writes does not count.
     *
     * @param timeout the longest time without progress, or {@link Duration#ZERO} to wait for ever
     *     (the default: a write then blocks until the peer reads or another thread closes the
     *     connection); {@link Integer#MAX_VALUE} milliseconds (about 24.8 days) or more, such as
     *     {@code ChronoUnit.FOREVER}, also waits for ever
     * @throws IllegalArgumentException if the timeout is negative
     * @throws IOException if the connection is closed
     * @throws UnsupportedOperationException if this kind of connection has no write timeout
     */
    void setWriteTimeout(Duration timeout) throws IOException;

    /** {@return the current write timeout, {@link Duration#ZERO} for none} */
    Duration writeTimeout();

    /**
     * Half-closes the connection: the peer reads end of stream, while this side can still read.
     * Over TLS it sends {@code close_notify} first: TLS 1.3 half-closes so; TLS 1.2, which has no
     * half-close, ends the connection both ways (reads after it return end of stream).
     *
     * @throws IOException if the connection is closed or the transport refuses
     */
    void shutdownOutput() throws IOException;

    /** {@return whether {@link #close()} has not been called and the transport is open} */
    boolean isOpen();

    /**
     * Closes the connection and releases its socket. Calling it again does nothing. A thread
     * blocked in a read or write on this connection gets an {@link IOException}.
     */
    @Override
    void close();

    /**
     * Gives access to what is underneath, for those who need it: the {@link java.net.Socket} of a
     * TCP connection, the {@link java.nio.channels.SocketChannel} of a Unix connection.
     *
     * @param type the class wanted
     * @param <T> the type wanted
     * @return the object, or empty if this connection has nothing of that type
     */
    <T> Optional<T> unwrap(Class<T> type);
}
