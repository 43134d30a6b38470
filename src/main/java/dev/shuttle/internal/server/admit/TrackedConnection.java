package dev.shuttle.internal.server.admit;

import dev.shuttle.Connection;
import dev.shuttle.internal.io.ForwardingConnection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A connection that tells its owner, once, when it is closed. Everything else is delegated. */
final class TrackedConnection extends ForwardingConnection {
    private final Consumer<Connection> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    TrackedConnection(Connection connection, Consumer<Connection> onClose) {
        super(connection);
        this.onClose = onClose;
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

}
