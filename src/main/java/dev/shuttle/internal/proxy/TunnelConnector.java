package dev.shuttle.internal.proxy;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.Resolver;
import dev.shuttle.Scheme;
import dev.shuttle.StartTls;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.internal.io.ConnectFailures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * Opens connections through a proxy: connects to the proxy with the connector given, asks it for a
 * tunnel to the target (SOCKS5, SOCKS4a or HTTP CONNECT), and for a {@code tls://} target runs the
 * TLS handshake end to end over the tunnel, with SNI and verification for the target's name.
 * Whatever fails at any step closes the connection to the proxy.
 *
 * <p>This connector has no deadline of its own: {@code ProxyConnectors} puts a timeout over the
 * whole set-up.
 */
public final class TunnelConnector implements Connector {
    private final ProxyUri proxy;
    private final Connector toProxy;
    private final Resolver localResolver;
    private final TlsOptions tls;

    /**
     * Creates the connector.
     *
     * @param proxy the proxy
     * @param toProxy what connects to the proxy (asked for {@code tcp://} or {@code tls://} proxy address)
     * @param localResolver resolves target hostnames here instead of at the proxy, or {@code null}
     *     to send hostnames to the proxy
     * @param tls the TLS options of {@code tls://} targets
     */
    public TunnelConnector(ProxyUri proxy, Connector toProxy, Resolver localResolver, TlsOptions tls) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        this.toProxy = Objects.requireNonNull(toProxy, "toProxy");
        this.localResolver = localResolver;
        this.tls = Objects.requireNonNull(tls, "tls");
    }

    @Override
    public Connection connect(Endpoint target) throws IOException {
        java.util.Objects.requireNonNull(target, "endpoint");
        if (target.scheme() != Scheme.TCP && target.scheme() != Scheme.TLS) {
            throw new IllegalArgumentException("Cannot connect to " + target + " through " + proxy
                    + ": a proxy tunnels tcp:// and tls:// connections only");
        }
        TunnelRequest request = new TunnelRequest(target, proxy);
        InetAddress address = target.ipAddress().orElse(null);
        if (address == null && localResolver != null) {
            address = resolve(target);
        }
        if (proxy.kind() == ProxyKind.SOCKS4A && address != null && !Socks4aHandshake.carries(address)) {
            throw new IllegalArgumentException("Cannot connect to " + target + " through " + proxy
                    + ": SOCKS4a carries IPv4 addresses only, not " + address.getHostAddress() + "; use a socks5:// proxy");
        }
        Connection connection = reachProxy(request);
        try {
            InputStream in = connection.input();
            OutputStream out = connection.output();
            String host = target.host();
            switch (proxy.kind()) {
                case SOCKS5 -> Socks5Handshake.run(in, out, request, host, address, target.port());
                case SOCKS4A -> Socks4aHandshake.run(in, out, request, host, (Inet4Address) address, target.port());
                case HTTP, HTTPS -> HttpConnectHandshake.run(in, out, request, authority(address, target));
            }
            Connection tunnel = new TunnelConnection(connection, target.withScheme(Scheme.TCP), proxy);
            if (target.scheme() != Scheme.TLS) {
                return tunnel;
            }
            // StartTls closes the tunnel when the handshake fails.
            return new TunnelConnection(StartTls.client(tunnel, host, tls), target, proxy);
        } catch (IOException | RuntimeException | Error e) {
            connection.close();
            throw e;
        }
    }

    /** Connects to the proxy; a failure names the target and the proxy, with the same type. */
    private Connection reachProxy(TunnelRequest request) throws IOException {
        try {
            return toProxy.connect(proxy.connectUri());
        } catch (IOException e) {
            IOException named = ConnectFailures.ofSameType(e, "Connection to " + request.target() + " through " + proxy
                    + " failed: the proxy cannot be reached: " + ConnectFailures.reason(e));
            named.initCause(e);
            throw named;
        }
    }

    private InetAddress resolve(Endpoint target) throws IOException {
        List<InetAddress> addresses = localResolver.lookup(target.host());
        if (proxy.kind() == ProxyKind.SOCKS4A) {
            addresses = addresses.stream().filter(Socks4aHandshake::carries).toList();
        }
        if (addresses.isEmpty()) {
            throw new UnknownHostException("Connection to " + target + " through " + proxy + " failed: "
                    + target.host() + " has no " + (proxy.kind() == ProxyKind.SOCKS4A ? "IPv4 " : "") + "address");
        }
        return addresses.getFirst();
    }

    /** The CONNECT request target: the resolved address when resolved here, else the name as given. */
    private static String authority(InetAddress address, Endpoint target) {
        if (address == null) {
            return target.host() + ":" + target.port();
        }
        Endpoint resolved = Endpoint.of(Scheme.TCP, new java.net.InetSocketAddress(address, target.port()));
        return resolved.toString().substring("tcp://".length());
    }

    @Override
    public String toString() {
        return "Proxy(" + proxy + (localResolver != null ? ", local resolution" : "") + ", " + toProxy + ")";
    }
}
