package dev.shuttle.internal.server;

import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.internal.server.listen.InheritedListener;
import dev.shuttle.internal.server.listen.Listener;
import dev.shuttle.internal.server.listen.TcpListener;
import dev.shuttle.internal.server.listen.TlsListener;
import dev.shuttle.internal.server.listen.UnixListener;
import dev.shuttle.internal.proxyprotocol.ProxyHeaderReader;
import dev.shuttle.internal.server.serve.AcceptLoopServer;
import dev.shuttle.internal.server.serve.ConnectionSetup;
import dev.shuttle.internal.uri.LocalHosts;
import dev.shuttle.internal.uri.DatagramScheme;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The {@code Server.listen(uri)} and {@code Server.inherited()} facades: choose the listener by
 * scheme (or take the inherited one) and put an {@link AcceptLoopServer} over it.
 */
public final class ListenByScheme {
    private ListenByScheme() {}

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
        TlsSetup.Side tls = TlsSetup.Side.of(options);
        if (tls == null && endpoint.scheme() == Scheme.TLS) {
            throw new IllegalArgumentException("Cannot listen on " + endpoint
                    + ": a tls:// server needs a certificate and key: set ServerOptions.builder().tls(TlsServerOptions...)");
        }
        if (tls != null && endpoint.scheme() == Scheme.TCP) {
            throw new IllegalArgumentException("Cannot listen on " + endpoint
                    + ": TLS options were given for a plaintext tcp:// server; listen on tls:// instead");
        }
        Listener listener = switch (endpoint.scheme()) {
            case TCP -> TcpListener.bind(endpoint, socketAddress(endpoint, options), options);
            case TLS -> new TlsListener(TcpListener.bind(endpoint, socketAddress(endpoint, options), options));
            case UNIX -> UnixListener.bind(endpoint, options);
            case UDP -> throw DatagramScheme.notAStream(endpoint, "listen on");
        };
        return serverOver(listener, options, tls);
    }

    /**
     * Returns a server over the inherited listening socket; one that speaks TLS when the options
     * hold TLS server options ({@code tls://} for a TCP socket).
     *
     * @param options the server's options
     * @return the server
     * @throws IOException if there is no inherited listening socket
     */
    public static Server inherited(ServerOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        TlsSetup.Side tls = TlsSetup.Side.of(options);
        return serverOver(InheritedListener.inherit(options, tls != null), options, tls);
    }

    /**
     * A server over a bound listener, handshaking each connection when TLS is given.
     *
     * @param listener the listener; for TLS over TCP already one that names itself {@code tls://}
     * @param options the server's options
     * @param tls the TLS side, or {@code null} for none
     * @return the server, which owns the listener
     */
    private static Server serverOver(Listener listener, ServerOptions options, TlsSetup.Side tls) {
        ProxyHeaderReader proxyHeaders = options.proxyProtocol().map(ProxyHeaderReader::new).orElse(null);
        if (tls == null && proxyHeaders == null) {
            return new AcceptLoopServer(listener, options);
        }
        ConnectionSetup setup;
        try {
            setup = tls == null ? ConnectionSetup.NONE : new TlsSetup(tls, options, listener.address());
        } catch (RuntimeException | Error e) {
            listener.close();
            throw e;
        }
        return new AcceptLoopServer(listener, options, proxyHeaders == null ? setup : new ProxyHeaderSetup(proxyHeaders, setup));
    }

    private static InetSocketAddress socketAddress(Endpoint endpoint, ServerOptions options) {
        InetAddress local = LocalHosts.bindAddress(endpoint);
        if (options.ipv6Only() && local instanceof Inet4Address) {
            throw new IllegalArgumentException("Cannot listen on " + endpoint + ": ipv6Only is set, but " + local.getHostAddress()
                    + " is an IPv4 address, whose clients are all IPv4; set it only for an IPv6 address such as [::]");
        }
        return new InetSocketAddress(local, endpoint.port());
    }

}
