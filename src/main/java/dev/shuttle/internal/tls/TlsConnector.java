package dev.shuttle.internal.tls;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.SocketOptions;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.internal.tcp.TcpConnector;
import dev.shuttle.internal.unix.UnixConnector;
import dev.shuttle.internal.uri.DatagramScheme;
import java.io.IOException;
import java.util.Objects;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Connects to {@code tls://ip:port}: a TCP connect, then {@link TlsClient#handshake(Connection, Endpoint)}.
 * Also {@code unix:///path} with {@link TlsOptions#serverName()} set: TLS over a Unix socket. IP
 * literals only, like {@link TcpConnector}.
 */
public final class TlsConnector implements Connector {
    private final TlsClient client;
    private final TcpConnector tcp;
    private final UnixConnector unix;

    /**
     * Creates the connector, building its TLS context once.
     *
     * @param options the TLS options
     * @param socketOptions the options of the TCP sockets
     * @throws IllegalArgumentException if the trust store or client certificate cannot be used
     */
    public TlsConnector(TlsOptions options, SocketOptions socketOptions) {
        this.client = new TlsClient(options);
        this.tcp = new TcpConnector(socketOptions);
        this.unix = new UnixConnector(socketOptions);
    }

    @Override
    public Connection connect(Endpoint endpoint) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        return switch (endpoint.scheme()) {
            case TLS -> connectTcp(endpoint);
            case UNIX -> connectUnix(endpoint);
            case TCP -> throw new IllegalArgumentException("The TLS connector cannot connect to " + endpoint
                    + ": it speaks TLS, so give a tls:// URI (or use Connector.tcp() for plaintext)");
            case UDP -> throw DatagramScheme.notAStream(endpoint, "connect to");
        };
    }

    private Connection connectTcp(Endpoint endpoint) throws IOException {
        InetAddress address = endpoint.ipAddress().orElseThrow(() -> new IllegalArgumentException(
                "The TLS connector cannot connect to " + endpoint + ": '" + endpoint.host()
                        + "' is a hostname and this connector takes IP addresses only (use Connector.create(), which resolves names)"));
        // The TCP connect and the handshake both run on channels, which an interrupt aborts on any thread.
        Connection plain = tcp.connect(endpoint, new InetSocketAddress(address, endpoint.port()));
        return client.handshake(plain, endpoint);
    }

    private Connection connectUnix(Endpoint endpoint) throws IOException {
        String name = client.options().serverName().orElseThrow(() -> new IllegalArgumentException(
                "The TLS connector cannot verify the server at " + endpoint + ": a unix:// URI has no hostname, so set "
                        + "TlsOptions.serverName(...) to the name in the server's certificate"));
        return client.handshake(unix.connect(endpoint), name);
    }

    @Override
    public String toString() {
        return "TlsConnector[" + client + "]";
    }
}
