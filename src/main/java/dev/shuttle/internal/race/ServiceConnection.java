package dev.shuttle.internal.race;

import dev.shuttle.Connection;
import dev.shuttle.ServiceEndpoint;
import dev.shuttle.internal.io.ForwardingConnection;
import java.util.Optional;

/**
 * A connection made to a service endpoint of an HTTPS or SVCB record: it tells which one through
 * {@code unwrap(ServiceEndpoint.class)}, and passes everything else to the connection made.
 */
final class ServiceConnection extends ForwardingConnection {
    private final ServiceEndpoint service;

    ServiceConnection(Connection connection, ServiceEndpoint service) {
        super(connection);
        this.service = service;
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type == ServiceEndpoint.class) {
            return Optional.of(type.cast(service));
        }
        return connection.unwrap(type);
    }

    @Override
    public String toString() {
        return connection + " via " + service;
    }
}
