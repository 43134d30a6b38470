package dev.shuttle.testing;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A connection that opens nothing and remembers whether it was closed. */
public final class FakeConnection implements Connection {
    private final Endpoint remote;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A connection "to" a URI.
     *
     * @param uri the remote address
     */
    public FakeConnection(String uri) {
        this.remote = Endpoint.parse(uri);
    }

    /**
     * A connection "to" an endpoint.
     *
     * @param endpoint the remote address
     */
    public FakeConnection(Endpoint endpoint) {
        this.remote = endpoint;
    }

    /**
     * A connection "to" a socket address.
     *
     * @param address the remote address
     */
    public FakeConnection(InetSocketAddress address) {
        this.remote = Endpoint.of(Scheme.TCP, address);
    }

    /** {@return whether {@link #close()} was called} */
    public boolean closed() {
        return closed.get();
    }

    @Override
    public InputStream input() {
        return InputStream.nullInputStream();
    }

    @Override
    public OutputStream output() {
        return new ByteArrayOutputStream();
    }

    @Override
    public Endpoint remoteAddress() {
        return remote;
    }

    @Override
    public Endpoint localAddress() {
        return Endpoint.of(Scheme.TCP, new InetSocketAddress("127.0.0.1", 1));
    }

    @Override
    public void setReadTimeout(Duration timeout) {}

    @Override
    public Duration readTimeout() {
        return Duration.ZERO;
    }

    @Override
    public void setWriteTimeout(Duration timeout) {}

    @Override
    public Duration writeTimeout() {
        return Duration.ZERO;
    }

    @Override
    public void shutdownOutput() {}

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "FakeConnection[" + remote + (closed() ? ", closed" : "") + "]";
    }
}
