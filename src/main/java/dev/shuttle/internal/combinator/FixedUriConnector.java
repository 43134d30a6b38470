package dev.shuttle.internal.combinator;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import java.io.IOException;
import java.util.Objects;

/**
 * Fixed URI: connects to one URI whatever it is asked for, such as a Unix socket that stands in
 * for every {@code host:port} a library wants to reach.
 */
public final class FixedUriConnector implements Connector {
    private final Connector inner;
    private final Endpoint uri;

    /**
     * Creates the connector.
     *
     * @param inner the connector that makes the connection
     * @param uri the one URI to connect to, checked now
     * @throws IllegalArgumentException if the URI is malformed
     */
    public FixedUriConnector(Connector inner, String uri) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.uri = Endpoint.parse(uri);
    }

    @Override
    public Connection connect(Endpoint ignored) throws IOException {
        Objects.requireNonNull(ignored, "endpoint");
        return inner.connect(uri);
    }

    @Override
    public String toString() {
        return "FixedUri[" + uri + ", " + inner + "]";
    }
}
