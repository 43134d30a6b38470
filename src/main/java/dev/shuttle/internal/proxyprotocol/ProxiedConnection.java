package dev.shuttle.internal.proxyprotocol;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.ProxyHeader;
import dev.shuttle.internal.io.ForwardingConnection;
import java.util.Optional;

/**
 * A connection that came through a proxy speaking the PROXY protocol: its remote address is the
 * original client the header named (under the connection's own scheme), and
 * {@code unwrap(ProxyHeader.class)} gives the header.
 */
public final class ProxiedConnection extends ForwardingConnection {
    private final ProxyHeader header;
    private final Endpoint client;

    /**
     * Wraps a connection.
     *
     * @param connection the connection as prepared (after TLS, if any)
     * @param header the header read before it
     */
    public ProxiedConnection(Connection connection, ProxyHeader header) {
        super(connection);
        this.header = header;
        Endpoint own = connection.remoteAddress();
        this.client = header.client()
                .map(c -> own.scheme() == dev.shuttle.Scheme.UNIX ? c : c.withScheme(own.scheme()))
                .orElse(own);
    }

    @Override
    public Endpoint remoteAddress() {
        return client;
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type == ProxyHeader.class) {
            return Optional.of(type.cast(header));
        }
        return connection.unwrap(type);
    }

    @Override
    public String toString() {
        return "Connection[" + (isOpen() ? localAddress() + " <- " + client + " through " + header.proxy() : "closed") + "]";
    }
}
