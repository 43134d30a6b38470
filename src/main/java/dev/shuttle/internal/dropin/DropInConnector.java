package dev.shuttle.internal.dropin;

import dev.shuttle.Connection;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.SocketOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The connector behind a drop-in socket factory: the default connector of its options, and, for a
 * socket whose options or local address were set before it connected, a connector made for that
 * one connect with those socket options.
 */
public final class DropInConnector {
    private final ConnectorOptions options;
    private final Connector connector;

    /**
     * Builds the default connector of the options.
     *
     * @param options the options
     */
    public DropInConnector(ConnectorOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.connector = Connector.create(options);
    }

    /** {@return the options} */
    public ConnectorOptions options() {
        return options;
    }

    /** {@return the default connector of the options} */
    public Connector connector() {
        return connector;
    }

    /**
     * Connects with socket options that may differ from the connector's.
     *
     * @param endpoint where to connect
     * @param socketOptions the options of this socket
     * @return the connection
     * @throws IOException as {@link Connector#connect(String)}
     */
    Connection connect(Endpoint endpoint, SocketOptions socketOptions) throws IOException {
        Connector chosen = socketOptions.equals(options.socketOptions())
                ? connector
                : Connector.create(options.toBuilder().socketOptions(socketOptions).build());
        return chosen.connect(endpoint.toString());
    }

    /**
     * Connects on the calling thread under the connector's timeout, for the factory methods that
     * return a connected socket.
     *
     * @param scheme {@code TCP}, or {@code TLS} to handshake too
     * @param target where to connect, as {@link java.net.Socket#connect} takes it
     * @param local the local address to bind, or {@code null}
     * @return the connection
     * @throws IOException as {@link Connector#connect(String)}
     */
    public Connection connect(Scheme scheme, InetSocketAddress target, InetSocketAddress local) throws IOException {
        SocketOptions socketOptions = options.socketOptions();
        if (local != null) {
            socketOptions = socketOptions.toBuilder().localAddress(local).build();
        }
        return connect(SocketTarget.of(target).withScheme(scheme), socketOptions);
    }

    @Override
    public String toString() {
        return "DropInConnector[" + connector + "]";
    }
}
