package dev.shuttle.internal.server;

import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.internal.tls.TlsServer;
import dev.shuttle.internal.udp.DatagramScheme;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/** The {@code Server.listen(uri)} facade: chooses the listener by scheme. */
public final class Listeners {
    private Listeners() {}

    /**
     * Binds a listener for the URI and returns a server over it.
     *
     * @param uri where to listen
     * @param options the server's options
     * @return the server
     * @throws IOException if binding failed
     */
    public static Server listen(String uri, ServerOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        Endpoint endpoint = Endpoint.parseListening(uri);
        TlsServer tls = options.tls().map(TlsServer::of).orElse(null);
        if (tls == null && endpoint.scheme() == Scheme.TLS) {
            throw new IllegalArgumentException("Cannot listen on " + endpoint
                    + ": a tls:// server needs a certificate and key: set ServerOptions.builder().tls(TlsServerOptions...)");
        }
        if (tls != null && endpoint.scheme() == Scheme.TCP) {
            throw new IllegalArgumentException("Cannot listen on " + endpoint
                    + ": TLS options were given for a plaintext tcp:// server; listen on tls:// instead");
        }
        Listener listener = switch (endpoint.scheme()) {
            case TCP -> TcpListener.bind(endpoint, new InetSocketAddress(localAddress(endpoint), endpoint.port()), options);
            case TLS -> new TlsListener(TcpListener.bind(endpoint, new InetSocketAddress(localAddress(endpoint), endpoint.port()), options));
            case UNIX -> UnixListener.bind(endpoint, options);
            case UDP -> throw DatagramScheme.notAStream(endpoint, "listen on");
        };
        if (tls == null) {
            return new ListeningServer(listener, options);
        }
        Endpoint address = listener.address();
        return new ListeningServer(listener, options, accepted -> tls.handshake(accepted, address));
    }

    private static InetAddress localAddress(Endpoint endpoint) {
        if (endpoint.host().equals("localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        return endpoint.ipAddress().orElseThrow(() -> new IllegalArgumentException("Cannot listen on " + endpoint
                + ": '" + endpoint.host() + "' is a hostname; listen on an IP address (0.0.0.0, [::], 127.0.0.1) or localhost"));
    }
}
