package dev.shuttle.internal.dropin;

import dev.shuttle.Connection;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.SocketOptions;
import dev.shuttle.internal.connector.DefaultConnector;
import dev.shuttle.internal.io.CarrierSocket;
import dev.shuttle.internal.tcp.BoundChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Objects;

/**
 * The connector behind a drop-in socket factory: the default connector of its options, and, for a
 * socket whose options were set before it connected, a connector made for that one connect with
 * those socket options. A socket bound before it connects connects from its {@link BoundChannel}.
 *
 * <p>Or a connector the user gave ({@link #over}), such as a proxy connector: every connect goes
 * to it as it is, socket options are set on the connected socket, and a local address cannot be
 * chosen, since that connector decides how (and from where) to connect.
 */
public final class DropInConnector {
    private final ConnectorOptions options;
    private final DefaultConnector connector;
    private final Connector given;

    /**
     * Builds the default connector of the options.
     *
     * @param options the options
     */
    public DropInConnector(ConnectorOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.connector = new DefaultConnector(options);
        this.given = null;
    }

    private DropInConnector(Connector given) {
        this.options = ConnectorOptions.defaults();
        this.connector = null;
        this.given = given;
    }

    /**
     * {@return a drop-in connector whose every connect goes to the given connector}
     *
     * @param connector the connector, such as a proxy connector
     */
    public static DropInConnector over(Connector connector) {
        return new DropInConnector(Objects.requireNonNull(connector, "connector"));
    }

    /** {@return whether connects go to a connector given by the user, which chooses the local address itself} */
    public boolean isOver() {
        return given != null;
    }

    /**
     * Refuses a local address for a connector given by the user.
     *
     * @throws SocketException if this connects through a given connector
     */
    void checkCanBind() throws SocketException {
        if (given != null) {
            throw new SocketException("A socket of a ShuttleSocketFactory over a connector cannot bind to a local address:"
                    + " the connector (" + given + ") makes the connection");
        }
    }

    /**
     * {@return the plain TCP socket of a connection this connector made to {@code target}}
     *
     * @param connection the connection
     * @param target where it was asked to connect
     * @throws SocketException naming the target and the connector, if a connector given by the
     *     user made a connection without one (through a proxy reached over TLS, to a Unix socket)
     * @throws IOException if the target is an address that cannot be written as an endpoint
     */
    public Socket socketOf(Connection connection, InetSocketAddress target) throws IOException {
        return socketOf(connection, SocketTarget.of(target));
    }

    /**
     * {@return the plain TCP socket of a connection this connector made to {@code endpoint}}
     *
     * @param connection the connection
     * @param endpoint where it was asked to connect
     * @throws SocketException as {@link #socketOf(Connection, InetSocketAddress)}
     */
    Socket socketOf(Connection connection, Endpoint endpoint) throws SocketException {
        Socket socket = connection.unwrap(Socket.class).orElse(null);
        if (socket != null) {
            return socket;
        }
        if (given != null) {
            // A tunnel inside TLS to an https:// proxy: its bytes through the connection, its options on the carrier.
            CarrierSocket carrier = connection.unwrap(CarrierSocket.class).orElse(null);
            if (carrier != null) {
                return new TunnelSocket(connection, carrier.socket());
            }
        }
        if (given == null) {
            throw new IllegalStateException("Shuttle's connection to " + endpoint + " has no socket");
        }
        throw new SocketException("The connection to " + endpoint + " through " + given
                + " is not a TCP socket, nor a tunnel carried by one (a Unix socket, say), which a drop-in socket over a"
                + " connector needs: " + connection);
    }

    /** {@return the options} */
    public ConnectorOptions options() {
        return options;
    }

    /** {@return the default connector of the options, or the connector given} */
    public Connector connector() {
        return given != null ? given : connector;
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
        if (given != null) {
            return given.connect(endpoint);
        }
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
        checkCanBind();
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
     * @throws SocketException if a local address is given to a connector given by the user
     * @throws IOException as {@link Connector#connect(Endpoint)}
     */
    public Connection connect(InetSocketAddress target, InetSocketAddress local) throws IOException {
        Endpoint endpoint = SocketTarget.of(target);
        if (local == null) {
            return connect(endpoint, options.socketOptions());
        }
        checkCanBind();
        try (BoundChannel bound = BoundChannel.bind(local, options.socketOptions())) {
            return connect(endpoint, bound);
        }
    }

    @Override
    public String toString() {
        return "DropInConnector[" + connector() + "]";
    }
}
