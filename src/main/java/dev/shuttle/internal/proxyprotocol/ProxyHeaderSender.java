package dev.shuttle.internal.proxyprotocol;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.StartTls;
import dev.shuttle.tls.TlsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The client side of the PROXY protocol, as HAProxy's {@code send-proxy} and {@code send-proxy-v2}:
 * after the connector underneath connects, writes a header naming the client (given, or this
 * connection's own local address) and the address connected to, before any other byte. For a
 * {@code tls://} target the connector underneath is asked for {@code tcp://}, and the TLS
 * handshake follows the header, as a receiving server expects. A failure at any step closes the
 * connection.
 */
public final class ProxyHeaderSender implements Connector {
    private final Connector inner;
    private final int version;
    private final Endpoint client;
    private final TlsOptions tls;

    /**
     * Creates the connector.
     *
     * @param inner the connector whose connections get the header
     * @param version 1 or 2
     * @param client the client to name, or {@code null} for each connection's own local address
     * @param tls the TLS options of {@code tls://} targets
     */
    public ProxyHeaderSender(Connector inner, int version, Endpoint client, TlsOptions tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.inner = Objects.requireNonNull(inner, "inner");
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("PROXY protocol version must be 1 or 2, not " + version);
        }
        if (client != null && client.ipAddress().isEmpty()) {
            throw new IllegalArgumentException("the client named in a PROXY header must be an IP address and port, not "
                    + client);
        }
        this.version = version;
        this.client = client;
    }

    @Override
    public Connection connect(Endpoint target) throws IOException {
        java.util.Objects.requireNonNull(target, "endpoint");
        boolean overTls = target.scheme() == Scheme.TLS;
        Connection connection = inner.connect(overTls ? target.withScheme(Scheme.TCP) : target);
        try {
            InetSocketAddress source = address(client != null ? client : connection.localAddress());
            InetSocketAddress destination = address(connection.remoteAddress());
            if (source != null && destination == null) {
                // A Unix-socket destination has no IP address: name the unspecified address of the
                // client's family, as a header carries one family.
                destination = new InetSocketAddress(source.getAddress() instanceof java.net.Inet4Address
                        ? java.net.InetAddress.ofLiteral("0.0.0.0") : java.net.InetAddress.ofLiteral("::"), 0);
            }
            connection.output().write(ProxyHeaderWriter.header(version, source, destination));
            connection.output().flush();
            // StartTls closes the connection when the handshake fails.
            return overTls ? StartTls.client(connection, target.host(), tls) : connection;
        } catch (IOException | RuntimeException | Error e) {
            connection.close();
            throw e;
        }
    }

    private static InetSocketAddress address(Endpoint endpoint) {
        return endpoint.ipAddress().map(a -> new InetSocketAddress(a, endpoint.port())).orElse(null);
    }

    @Override
    public String toString() {
        return "ProxyHeader(v" + version + (client == null ? "" : ", client " + client) + ", " + inner + ")";
    }
}
