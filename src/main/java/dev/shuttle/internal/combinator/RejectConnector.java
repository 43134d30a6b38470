package dev.shuttle.internal.combinator;

import dev.shuttle.Connection;
import dev.shuttle.Connectors;
import dev.shuttle.Endpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Objects;

/**
 * Reject: never connects; every connect fails, with a fixed message or with the exception a
 * function of the endpoint returns or throws. Opens nothing.
 */
public final class RejectConnector implements dev.shuttle.Connector {
    private final Connectors.Rejection rejection;
    private final String description;

    private RejectConnector(Connectors.Rejection rejection, String description) {
        this.rejection = rejection;
        this.description = description;
    }

    /**
     * Rejects with a {@link ConnectException} reading {@code Connection to tcp://host:port
     * rejected: <message>}.
     *
     * @param message why, as a person should read it
     * @return the connector
     */
    public static RejectConnector withMessage(String message) {
        Objects.requireNonNull(message, "message");
        return new RejectConnector(
                endpoint -> new ConnectException("Connection to " + endpoint + " rejected: " + message),
                "Reject(" + message + ")");
    }

    /**
     * Rejects with what a function of the endpoint returns or throws.
     *
     * @param rejection given the endpoint, returns or throws the exception
     * @return the connector
     */
    public static RejectConnector withFunction(Connectors.Rejection rejection) {
        return new RejectConnector(Objects.requireNonNull(rejection, "rejection"), "Reject(" + rejection + ")");
    }

    @Override
    public Connection connect(Endpoint endpoint) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        IOException rejected = rejection.reject(endpoint);
        if (rejected == null) {
            throw new NullPointerException("the rejection function of " + this + " returned null for " + endpoint);
        }
        throw rejected;
    }

    @Override
    public String toString() {
        return description;
    }
}
