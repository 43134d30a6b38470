package dev.shuttle.internal.tls;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.internal.io.ByteSource;
import dev.shuttle.internal.io.CarrierSocket;
import dev.shuttle.internal.io.ForwardingConnection;
import dev.shuttle.internal.io.IdleCheck;
import dev.shuttle.internal.io.SinkOutputStream;
import dev.shuttle.internal.io.SourceInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * Every TLS {@link Connection} Shuttle makes, client and server: an {@link SSLEngine} over the
 * streams of a byte-stream transport (a TCP connection, a Unix socket, a plaintext connection
 * upgraded by STARTTLS). Its addresses are written {@code tls://} over TCP, as the transport's
 * otherwise. One thread may read while another writes; see {@link EngineIo} for the loop.
 * {@link #shutdownOutput()} is TLS 1.3's half-close.
 */
public final class EngineConnection extends ForwardingConnection implements IdleCheck {
    private final SSLEngine engine;
    private final EngineIo io;
    private final InputStream input;
    private final OutputStream output;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EngineConnection(Connection plain, SSLEngine engine) {
        super(plain);
        this.engine = engine;
        this.io = new EngineIo(engine, shown(plain.remoteAddress()), plain.input(), plain.output());
        this.input = new SourceInputStream(new ByteSource() {
            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int n;
                try {
                    n = closed.get() ? -1 : io.read(bytes, offset, length);
                } catch (IOException e) {
                    if (closed.get()) {
                        // Our close() ended the transport under the read, without the peer's
                        // close_notify: a read cut short by close(), not a truncated stream.
                        throw closedHere(e);
                    }
                    throw e;
                }
                if (n < 0 && closed.get()) {
                    // Our close sent close_notify, and the peer's answer may have ended the read
                    // before the transport closed: still a read cut short by close(), as promised.
                    throw closedHere(null);
                }
                return n;
            }

            @Override
            public int available() {
                return io.available();
            }
        }, this::close);
        this.output = new SinkOutputStream(io::write, this::close);
    }

    /** {@return the peer as messages name it: {@code tls://host:port}, or the Unix socket's URI} */
    private static String shown(Endpoint remote) {
        return (remote.scheme() == Scheme.UNIX ? remote : remote.withScheme(Scheme.TLS)).toString();
    }

    private java.net.SocketException closedHere(IOException cause) {
        java.net.SocketException e = new java.net.SocketException("Connection to " + connection.remoteAddress() + " is closed");
        if (cause != null) {
            e.initCause(ProviderCauses.scrubbed(cause));
        }
        return e;
    }

    /**
     * Runs the handshake within a deadline and returns the connection.
     *
     * @param plain the transport; closed on failure
     * @param engine the engine, in client or server mode, with its parameters set
     * @param timeout the handshake timeout
     * @param attempt what is attempted, for error messages
     * @return the connection, handshake done
     * @throws IOException translated by {@link HandshakeFailures}
     */
    public static EngineConnection handshake(Connection plain, SSLEngine engine, Duration timeout, HandshakeFailures.Attempt attempt)
            throws IOException {
        EngineConnection connection = new EngineConnection(plain, engine);
        try {
            EngineHandshake.run(connection.io, engine, plain, timeout, attempt);
        } catch (IOException e) {
            plain.close();
            throw e;
        }
        return connection;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    /**
     * Sends TLS {@code close_notify}, then half-closes the transport. Over TLS 1.3 reads go on until
     * the peer's {@code close_notify}; over TLS 1.2, which has no half-close, reads after it return
     * end of stream.
     */
    @Override
    public void shutdownOutput() throws IOException {
        io.closeOutbound();
        connection.shutdownOutput();
    }

    @Override
    public Endpoint remoteAddress() {
        return shownScheme(connection.remoteAddress());
    }

    @Override
    public Endpoint localAddress() {
        return shownScheme(connection.localAddress());
    }

    private static Endpoint shownScheme(Endpoint endpoint) {
        return endpoint.scheme() == Scheme.TCP ? endpoint.withScheme(Scheme.TLS) : endpoint;
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && connection.isOpen();
    }

    /** Sends {@code close_notify} if no write is in progress, and closes the transport. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            io.tryCloseOutbound();
            connection.close();
        }
    }

    /**
     * A read in progress, decrypted bytes or received records waiting, the peer's
     * {@code close_notify}, or any byte at all on the transport (a record, an alert) fail it.
     */
    @Override
    public boolean quiet() {
        return isOpen() && io.quiet(() -> connection instanceof IdleCheck check && check.quiet());
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type.isInstance(engine)) {
            return Optional.of(type.cast(engine));
        }
        if (type == SSLSession.class) {
            return Optional.of(type.cast(engine.getSession()));
        }
        if (type == CarrierSocket.class) {
            // For its options and addresses only; every byte still goes through this connection.
            return connection.unwrap(Socket.class).map(socket -> type.cast(new CarrierSocket(socket))).or(() -> connection.unwrap(type));
        }
        if (type.isAssignableFrom(java.net.Socket.class) || type.isAssignableFrom(java.nio.channels.SocketChannel.class)
                || java.nio.channels.Channel.class.isAssignableFrom(type)) {
            // Bytes written or read there would bypass TLS.
            return Optional.empty();
        }
        return connection.unwrap(type);
    }

    @Override
    public String toString() {
        return "TlsConnection[" + localAddress() + " -> " + remoteAddress() + (isOpen() ? "" : ", closed") + "]";
    }
}
