package dev.shuttle.internal.tcp;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.internal.io.ConnectionInput;
import dev.shuttle.internal.io.CountedOutput;
import dev.shuttle.internal.io.IoInProgress;
import dev.shuttle.internal.io.IdleCheck;
import dev.shuttle.internal.io.Timeouts;
import dev.shuttle.internal.io.WriteDeadline;
import dev.shuttle.internal.io.SelectableConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * A {@link Connection} over a connected TCP {@link Socket}. TLS is a layer over it
 * ({@code internal.tls.EngineConnection}), never an SSL socket in it.
 */
public final class SocketConnection implements Connection, SelectableConnection, IdleCheck {
    private final Socket socket;
    private final Scheme scheme;
    private final IoInProgress inProgress = new IoInProgress();
    private final WriteDeadline writeDeadline;
    private final InputStream input;
    private final OutputStream output;
    private volatile boolean closing;
    private volatile Endpoint remote;
    private volatile Endpoint local;

    /**
     * Wraps a connected socket.
     *
     * @param socket the socket, connected
     * @param scheme how its addresses are written: {@code tcp} or {@code tls}
     * @throws IOException if the socket is already closed
     */
    public SocketConnection(Socket socket, Scheme scheme) throws IOException {
        this.socket = socket;
        this.scheme = scheme;
        this.input = new ConnectionInput(socket.getInputStream(), inProgress, () -> closing, () -> remoteAddress().toString());
        this.writeDeadline = new WriteDeadline(() -> remoteAddress().toString(), this::abortWrite);
        this.output = new CountedOutput(writeDeadline.guard(socket.getOutputStream()), inProgress);
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
    public Endpoint remoteAddress() {
        Endpoint endpoint = remote;
        if (endpoint == null) {
            endpoint = endpointOf(socket.getRemoteSocketAddress());
            remote = endpoint;
        }
        return endpoint;
    }

    @Override
    public Endpoint localAddress() {
        Endpoint endpoint = local;
        if (endpoint == null) {
            endpoint = endpointOf(socket.getLocalSocketAddress());
            local = endpoint;
        }
        return endpoint;
    }

    private Endpoint endpointOf(java.net.SocketAddress address) {
        if (address instanceof InetSocketAddress inet && !inet.isUnresolved()) {
            return Endpoint.of(scheme, inet);
        }
        throw new UncheckedIOException(new IOException("socket " + socket + " has no address: it was never connected"));
    }

    @Override
    public void setReadTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout(Timeouts.millis("readTimeout", timeout));
    }

    @Override
    public Duration readTimeout() {
        try {
            return Duration.ofMillis(socket.getSoTimeout());
        } catch (IOException e) {
            return Duration.ZERO;
        }
    }

    @Override
    public void setWriteTimeout(Duration timeout) throws IOException {
        int millis = Timeouts.millis("writeTimeout", timeout);
        if (socket.isClosed()) {
            throw new java.net.SocketException("Socket is closed");
        }
        writeDeadline.set(Duration.ofMillis(millis));
    }

    @Override
    public Duration writeTimeout() {
        return writeDeadline.get();
    }

    /** Ends a write past its deadline: closing the socket fails the blocked write at once. */
    private void abortWrite() {
        close();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public void close() {
        closing = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a socket releases its descriptor even when the close reports an error.
        }
        writeDeadline.closed();
    }

    @Override
    public SocketChannel selectableChannel() {
        return socket.getChannel();
    }

    /** Fails, without waiting, while a read or write through this connection's streams runs. */
    @Override
    public boolean quiet() {
        if (socket.isClosed() || !inProgress.tryCheck()) {
            return false;
        }
        try {
            SocketChannel channel = socket.getChannel();
            return channel == null || IdleCheck.quiet(channel);
        } finally {
            inProgress.endCheck();
        }
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type.isInstance(socket)) {
            return Optional.of(type.cast(socket));
        }
        SocketChannel channel = socket.getChannel();
        return type.isInstance(channel) ? Optional.of(type.cast(channel)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "Connection[" + (isOpen() ? localAddress() + " -> " + remoteAddress() : "closed") + "]";
    }
}
