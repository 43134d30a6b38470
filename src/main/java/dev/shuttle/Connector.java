package dev.shuttle;

import dev.shuttle.internal.tcp.TcpConnector;
import dev.shuttle.internal.unix.UnixConnector;
import java.io.IOException;

/**
 * Opens connections: one blocking call from a URI to an open {@link Connection}.
 *
 * <p>Connectors are thread-safe and reusable, and they stack: every decorator implements this
 * interface and wraps another connector. {@code connect} blocks the calling thread, which should
 * be a virtual thread when many connects run at once; interrupting the thread aborts the connect,
 * closes whatever it opened and throws an {@link java.io.InterruptedIOException} with the
 * interrupt flag kept.
 *
 * {@snippet :
 * Connector connector = Connector.tcp();
 * try (Connection connection = connector.connect("tcp://127.0.0.1:8080")) {
 *     connection.output().write(request);
 * }
 * }
 */
@FunctionalInterface
public interface Connector {

    /**
     * Opens a connection.
     *
     * @param uri where to connect, such as {@code tcp://127.0.0.1:80}
     * @return the open connection; the caller closes it
     * @throws IllegalArgumentException if the URI is malformed or this connector cannot handle it
     *     (checked before any I/O)
     * @throws java.net.ConnectException if the peer refused; its message reads
     *     {@code Connection to tcp://127.0.0.1:9 failed: Connection refused}
     * @throws java.net.SocketTimeoutException if the connect timed out
     * @throws java.io.InterruptedIOException if the calling thread was interrupted
     * @throws IOException for any other failure, keeping its standard {@code java.net} type
     */
    Connection connect(String uri) throws IOException;

    /**
     * Returns a connector for {@code tcp://} URIs with IP literal hosts, with the default socket
     * options ({@code TCP_NODELAY} on).
     *
     * @return the connector
     */
    static Connector tcp() {
        return tcp(SocketOptions.defaults());
    }

    /**
     * Returns a connector for {@code tcp://} URIs with IP literal hosts. A hostname is an
     * {@link IllegalArgumentException}: this connector does no DNS.
     *
     * @param options the socket options of every connection it opens
     * @return the connector
     */
    static Connector tcp(SocketOptions options) {
        return new TcpConnector(options);
    }

    /**
     * Returns a connector for {@code unix:///absolute/path} URIs.
     *
     * @return the connector
     */
    static Connector unix() {
        return new UnixConnector();
    }
}
