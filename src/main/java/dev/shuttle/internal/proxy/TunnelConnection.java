package dev.shuttle.internal.proxy;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.internal.io.ForwardingConnection;
import java.net.Socket;
import java.util.Optional;

/**
 * A connection through a proxy: the connection to the proxy, carrying the tunnel, that names the
 * target as its {@link #remoteAddress()} (as the JDK's SOCKS sockets do). Over a proxy reached by
 * TLS it hides the TLS socket, so TLS to the target runs over its streams instead of layering a
 * socket over a socket.
 */
final class TunnelConnection extends ForwardingConnection {
    private final Endpoint target;
    private final ProxyUri proxy;

    TunnelConnection(Connection connection, Endpoint target, ProxyUri proxy) {
        super(connection);
        this.target = target;
        this.proxy = proxy;
    }

    @Override
    public Endpoint remoteAddress() {
        return target;
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (proxy.kind().tls() && Socket.class.isAssignableFrom(type) && !target.scheme().equals(dev.shuttle.Scheme.TLS)) {
            return Optional.empty();
        }
        return connection.unwrap(type);
    }

    @Override
    public String toString() {
        return "Connection[" + (isOpen() ? localAddress() + " -> " + target + " through " + proxy : "closed") + "]";
    }
}
