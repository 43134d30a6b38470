package dev.shuttle.internal.server;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A connection that tells its owner, once, when it is closed. Everything else is delegated. */
final class TrackedConnection implements Connection {
    private final Connection connection;
    private final Consumer<Connection> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    TrackedConnection(Connection connection, Consumer<Connection> onClose) {
        this.connection = connection;
        this.onClose = onClose;
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
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
        }
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(connection) ? Optional.of(type.cast(connection)) : connection.unwrap(type);
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
