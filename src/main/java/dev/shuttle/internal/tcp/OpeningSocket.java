package dev.shuttle.internal.tcp;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * A TCP connect begun by {@link TcpConnector#begin}: connected already, or still connecting until
 * {@link #finish()}. Whoever holds it either takes the connection or {@linkplain #close() closes}
 * it; nothing else releases the socket.
 */
public final class OpeningSocket implements AutoCloseable {
    private final Endpoint endpoint;
    private final SocketChannel channel;
    private final Connection connected;
    private boolean handedOut;

    private OpeningSocket(Endpoint endpoint, SocketChannel channel, Connection connected) {
        this.endpoint = endpoint;
        this.channel = channel;
        this.connected = connected;
    }

    static OpeningSocket connected(Connection connection) {
        return new OpeningSocket(null, null, connection);
    }

    static OpeningSocket connecting(Endpoint endpoint, SocketChannel channel) {
        return new OpeningSocket(endpoint, channel, null);
    }

    /** {@return the connection if the connect is done already, else {@code null}; the caller then owns it} */
    public Connection connection() {
        if (connected != null) {
            handedOut = true;
        }
        return connected;
    }

    /**
     * Waits until the connect is done, as long as it takes; interruptible (the socket is then
     * closed). Bound it with the race's or the caller's deadline.
     *
     * @return the connection, which the caller then owns
     * @throws java.io.InterruptedIOException if the thread was interrupted; nothing is left open
     * @throws IOException if the connect failed; nothing is left open
     */
    public Connection finish() throws IOException {
        if (connected != null) {
            return connection();
        }
        Connection connection = TcpConnector.closingOnFailure(endpoint, channel, opening -> {
            opening.configureBlocking(true);
            opening.finishConnect(); // blocking: waits for the handshake, or throws
            return new SocketConnection(opening.socket(), TcpConnector.shownScheme(endpoint));
        });
        handedOut = true;
        return connection;
    }

    /** Closes the socket, unless its connection was handed out. */
    @Override
    public void close() {
        if (handedOut) {
            return;
        }
        handedOut = true;
        if (connected != null) {
            connected.close();
        } else {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing a socket that never connected: nothing the caller could do about it.
            }
        }
    }
}
