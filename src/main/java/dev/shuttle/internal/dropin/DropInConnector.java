package dev.shuttle.internal.dropin;

import dev.shuttle.Connection;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.SocketOptions;
import dev.shuttle.internal.connector.DefaultConnector;
import dev.shuttle.internal.tcp.BoundChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The connector behind a drop-in socket factory: the default connector of its options, and, for a
 * socket whose options were set before it connected, a connector made for that one connect with
 * those socket options. A socket bound before it connects connects from its {@link BoundChannel}.
 */
public final class DropInConnector {
    private final ConnectorOptions options;
    private final DefaultConnector connector;

    /**
     * Builds the default connector of the options.
     *
     * @param options the options
     */
    public DropInConnector(ConnectorOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.connector = new DefaultConnector(options);
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
     * @throws IOException as {@link Connector#connect(Endpoint)}
     */
    Connection connect(Endpoint endpoint, SocketOptions socketOptions) throws IOException {
        Connector chosen = socketOptions.equals(options.socketOptions())
                ? connector
                : Connector.create(options.toBuilder().socketOptions(socketOptions).build());
        return chosen.connect(endpoint);
    }

    /**
     * Connects a socket bound before the connect, from its local address and port (see
     * {@link DefaultConnector#connect(Endpoint, BoundChannel)}).
     *
     * @param endpoint where to connect
     * @param bound the bound socket
     * @return the connection
     * @throws IOException as {@link Connector#connect(Endpoint)}
     */
    Connection connect(Endpoint endpoint, BoundChannel bound) throws IOException {
        return connector.connect(endpoint, bound);
    }

    /**
     * Connects TCP on the calling thread under the connector's timeout, for the factory methods
     * that return a connected socket. With a local address, the socket is bound first, as
     * {@code new Socket(host, port, localAddress, localPort)} binds it: a port in use is a
     * {@link java.net.BindException} before any attempt, and the connection comes from that
     * address and port.
     *
     * @param target where to connect, as {@link java.net.Socket#connect} takes it
     * @param local the local address to bind, or {@code null}
     * @return the connection
     * @throws IOException as {@link Connector#connect(Endpoint)}
     */
    public Connection connect(InetSocketAddress target, InetSocketAddress local) throws IOException {
        Endpoint endpoint = SocketTarget.of(target);
        if (local == null) {
            return connect(endpoint, options.socketOptions());
        }
        try (BoundChannel bound = BoundChannel.bind(local, options.socketOptions())) {
            return connect(endpoint, bound);
        }
    }

    @Override
    public String toString() {
        return "DropInConnector[" + connector + "]";
    }
}
