package dev.shuttle.internal.tcp;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.SocketOptions;
import dev.shuttle.internal.io.ConnectFailures;
import dev.shuttle.internal.io.OffPlatformThread;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Objects;

/**
 * Connects to {@code tcp://ip:port} with a {@link Socket} on the calling thread. IP literals only:
 * a hostname is an {@link IllegalArgumentException} pointing to the DNS-aware connector.
 */
public final class TcpConnector implements Connector {
    private final SocketOptions options;

    /**
     * Creates the connector.
     *
     * @param options the options of every socket it opens
     */
    public TcpConnector(SocketOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public Connection connect(String uri) throws IOException {
        Endpoint endpoint = Endpoint.parse(uri);
        if (endpoint.scheme() != Scheme.TCP) {
            throw new IllegalArgumentException("The TCP connector cannot connect to " + endpoint
                    + ": only tcp:// URIs (use Connector.create() for tls:// and unix://)");
        }
        InetAddress address = endpoint.ipAddress().orElseThrow(() -> new IllegalArgumentException(
                "The TCP connector cannot connect to " + endpoint + ": '" + endpoint.host()
                        + "' is a hostname and this connector takes IP addresses only (use Connector.create(), which resolves names)"));
        return connect(endpoint, new InetSocketAddress(address, endpoint.port()));
    }

    /**
     * Connects to a resolved address. Used by the connectors that resolve names and race addresses.
     *
     * @param endpoint the endpoint named in errors
     * @param address where to connect
     * @return the connection
     * @throws IOException as {@link Connector#connect(String)}
     */
    public Connection connect(Endpoint endpoint, InetSocketAddress address) throws IOException {
        return OffPlatformThread.call(endpoint, () -> openSocket(endpoint, address));
    }

    private Connection openSocket(Endpoint endpoint, InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            SocketSetup.apply(socket, options);
            if (options.localAddress().isPresent()) {
                socket.bind(options.localAddress().get());
            }
            socket.connect(address);
            return new SocketConnection(socket, Scheme.TCP);
        } catch (IOException e) {
            closeQuietly(socket);
            if (Thread.currentThread().isInterrupted()) {
                throw ConnectFailures.interrupted(endpoint, e);
            }
            throw ConnectFailures.connectFailed(endpoint, e);
        } catch (RuntimeException | Error e) {
            closeQuietly(socket);
            throw e;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more can be done for a socket that fails to close.
        }
    }

    @Override
    public String toString() {
        return "TcpConnector" + options;
    }
}
