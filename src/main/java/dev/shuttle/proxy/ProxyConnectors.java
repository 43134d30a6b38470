package dev.shuttle.proxy;

import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.internal.proxy.ProxyUri;
import dev.shuttle.internal.proxy.TunnelConnector;
import dev.shuttle.internal.proxyprotocol.ProxyHeaderSender;
import java.util.Objects;

/**
 * Connectors through proxies, as clue's SOCKS and HTTP CONNECT clients are for ReactPHP: each is
 * a {@link Connector} over the connector that reaches the proxy, so it stacks with selective
 * routing, timeouts, pools, batches and the socket factories.
 *
 * <p>A proxy URI names the protocol, the proxy and, percent-encoded, its credentials:
 * <ul>
 * <li>{@code socks5://[user:password@]host[:port]} (also {@code socks5h://}): SOCKS5 (RFC 1928)
 *     with no authentication or username/password (RFC 1929); port 1080 when none is given.</li>
 * <li>{@code socks4a://[userid@]host[:port]} (also {@code socks4://}): SOCKS4a, for old proxies.</li>
 * <li>{@code http://[user:password@]host[:port]}: HTTP CONNECT (RFC 9110 section 9.3.6), Basic
 *     proxy authentication; port 80 when none is given.</li>
 * <li>{@code https://...} (also {@code tls://}): HTTP CONNECT to a proxy reached over TLS (port 443).</li>
 * </ul>
 * The proxy resolves target hostnames unless {@link ProxyOptions.Builder#localResolution} says
 * otherwise. A {@code tls://} target gets TLS end to end through the tunnel, with SNI and
 * certificate verification for the target's name. Credentials never appear in messages or
 * {@code toString()}.
 *
 * <p>Failures are the standard types with the proxy's reason in words, such as {@code Connection
 * to tcp://example.com:80 through socks5://127.0.0.1:1080 failed: the target refused the proxy's
 * connection (SOCKS5 reply 5)}: {@link java.net.ConnectException} for a refusal (a rule, refused
 * credentials, a refused target, an HTTP status other than 2xx, with its status line),
 * {@link java.net.NoRouteToHostException} when the proxy cannot reach the target,
 * {@link java.net.ProtocolException} for a proxy speaking something else,
 * {@link java.net.SocketException} for one that closes, {@link java.net.SocketTimeoutException}
 * when the connect timeout (which covers the whole set-up) passes. The connection to the proxy is
 * closed whatever step fails.
 *
 * {@snippet :
 * Connector direct = Connector.create();
 * Connector viaSocks = ProxyConnectors.through("socks5://alice:s%40cret@127.0.0.1:1080", direct);
 * Connection c = viaSocks.connect("tls://example.com:443"); // TLS to example.com, through the proxy
 * }
 */
public final class ProxyConnectors {
    private ProxyConnectors() {}

    /**
     * A connector whose connections go through the proxy, with the default options.
     *
     * @param proxyUri the proxy, such as {@code socks5://127.0.0.1:1080} or {@code http://proxy:3128}
     * @param toProxy what connects to the proxy ({@code Connector.create()}, or any decorated connector)
     * @return the connector
     * @throws IllegalArgumentException if the proxy URI is malformed (the message leaves out its credentials)
     */
    public static Connector through(String proxyUri, Connector toProxy) {
        return through(proxyUri, toProxy, ProxyOptions.defaults());
    }

    /**
     * A connector whose connections go through the proxy.
     *
     * @param proxyUri the proxy
     * @param toProxy what connects to the proxy
     * @param options how names are resolved, the TLS options of {@code tls://} targets, the connect timeout
     * @return the connector
     * @throws IllegalArgumentException if the proxy URI is malformed (the message leaves out its credentials)
     */
    public static Connector through(String proxyUri, Connector toProxy, ProxyOptions options) {
        Objects.requireNonNull(toProxy, "toProxy");
        Objects.requireNonNull(options, "options");
        ProxyUri proxy = ProxyUri.parse(proxyUri);
        Connector tunnel = new TunnelConnector(proxy, toProxy, options.localResolver().orElse(null), options.tls());
        return tunnel.withTimeout(options.connectTimeout());
    }

    /**
     * A connector that sends a PROXY protocol header after connecting, as HAProxy's
     * {@code send-proxy} (version 1) or {@code send-proxy-v2} (version 2), naming the
     * connection's own local address as the client. For a {@code tls://} target the header goes
     * first and the TLS handshake (with default TLS options) after it, so give {@code inner} the
     * plain TCP connector to use.
     *
     * @param inner the connector underneath, asked for {@code tcp://} targets
     * @param version 1 or 2
     * @return the connector
     * @throws IllegalArgumentException if the version is not 1 or 2
     */
    public static Connector sendingProxyHeader(Connector inner, int version) {
        return new ProxyHeaderSender(inner, version, null, TlsOptions.defaults());
    }

    /**
     * A connector that sends a PROXY protocol header naming the given client, for a server that
     * passes on a connection it accepted (a Shuttle-to-Shuttle chain).
     *
     * @param inner the connector underneath
     * @param version 1 or 2
     * @param client the original client, an IP address and port
     * @param tls the TLS options of {@code tls://} targets, whose handshake follows the header
     * @return the connector
     * @throws IllegalArgumentException if the version is not 1 or 2, or the client has no IP address
     */
    public static Connector sendingProxyHeader(Connector inner, int version, Endpoint client, TlsOptions tls) {
        return new ProxyHeaderSender(inner, version, Objects.requireNonNull(client, "client"), tls);
    }
}
