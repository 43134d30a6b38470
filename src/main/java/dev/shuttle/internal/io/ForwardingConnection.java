package dev.shuttle.internal.io;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection that passes every call to the one it wraps: a decorator (a pooled connection, a
 * tracked one, one waiting in a selector) extends it and overrides only what it changes.
 */
public abstract class ForwardingConnection implements Connection {
    /** The wrapped connection. */
    protected final Connection connection;

    /**
     * @param connection the connection every call goes to
     */
    protected ForwardingConnection(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    @Override
    public InputStream input() {
        return connection.input();
    }

    @Override
    public OutputStream output() {
        return connection.output();
    }

    @Override
    public Endpoint remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public Endpoint localAddress() {
        return connection.localAddress();
    }

    @Override
    public void setReadTimeout(Duration timeout) throws IOException {
        connection.setReadTimeout(timeout);
    }

    @Override
    public Duration readTimeout() {
        return connection.readTimeout();
    }

    @Override
    public void setWriteTimeout(Duration timeout) throws IOException {
        connection.setWriteTimeout(timeout);
    }

    @Override
    public Duration writeTimeout() {
        return connection.writeTimeout();
    }

    @Override
    public void shutdownOutput() throws IOException {
        connection.shutdownOutput();
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return connection.unwrap(type);
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
