package dev.shuttle.dropin;

import dev.shuttle.Connection;
import dev.shuttle.ConnectListener;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.internal.dropin.DropInConnector;
import dev.shuttle.internal.dropin.DropInHandshakes;
import dev.shuttle.internal.dropin.SocketHost;
import dev.shuttle.internal.tls.TlsClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Objects;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * An {@link SSLSocketFactory} over Shuttle's TLS (BouncyCastle JSSE as a provider instance, never
 * installed globally): the server's certificate chain verified against the trust of
 * {@link ConnectorOptions#tls()} (the JDK's trust store by default) and its name against the host
 * asked for, SNI for that host, TLS 1.3 and 1.2. For libraries that take an
 * {@code SSLSocketFactory}, with no change to their code.
 *
 * <ul>
 * <li>{@link #createSocket(String, int)} connects TCP as {@code tcp://host:port} does (Shuttle's
 *     DNS, happy eyeballs, the connect timeout), then layers TLS over the connected socket. The
 *     {@code InetAddress} overloads connect to that address as it is, and verify the certificate
 *     for its IP address (its IP address names), never for a hostname the address carries: see
 *     {@link #createSocket(InetAddress, int)}.</li>
 * <li>{@link #createSocket(Socket, String, int, boolean)} layers TLS over a connected socket (the
 *     STARTTLS of SMTP, IMAP, LDAP, PostgreSQL).</li>
 * <li>{@link #createSocket()} throws {@link java.net.SocketException}, as the JDK's default does;
 *     libraries then connect a plain socket and layer TLS over it.</li>
 * </ul>
 * Every socket handshakes lazily, at {@code startHandshake()} or at the first read or write, so
 * the caller may still set protocols, suites, SNI or ALPN ({@code setSSLParameters}) after
 * {@code createSocket}, as with the JDK's factory; {@code startHandshake()} after the handshake
 * does nothing more. A failed handshake closes the socket. The options'
 * {@link ConnectorOptions#listener() listener} hears of each handshake when it runs
 * ({@code handshakeStarted}, then {@code handshakeSucceeded} or {@code handshakeFailed}), after
 * the connect it heard of at {@code createSocket}.
 * Every handshake is bounded by {@link TlsOptions#handshakeTimeout()} (a timeout is a
 * {@link java.net.SocketTimeoutException}, and closes the socket) and fails with an
 * {@link javax.net.ssl.SSLHandshakeException} that says why: an untrusted or expired
 * certificate, a wrong name and the names the certificate holds, no common protocol. A read
 * that fails after the handshake (a record changed on the way, an alert, a reset) throws an
 * {@link java.io.IOException} that names the server and why ({@link javax.net.ssl.SSLException}
 * for what TLS itself refused), and closes the socket; a read timeout
 * ({@link Socket#setSoTimeout}) does not. {@link Socket#shutdownOutput()} sends TLS
 * {@code close_notify}: over TLS 1.3 the socket half-closes (the server reads the end of the stream
 * and may still answer, and reads go on until its {@code close_notify}); over TLS 1.2, which has
 * no half-close, it ends the connection both ways (reads then return end of stream).
 * {@link java.net.Socket#close()} sends {@code close_notify} too. Handshake-completed listeners
 * are called on a thread of their own after the handshake; one that throws is logged and harms
 * nothing.
 *
 * {@snippet :
 * SSLSocketFactory tls = ShuttleSslSocketFactory.create(ConnectorOptions.builder()
 *         .tls(TlsOptions.builder().trustPem(Path.of("ca.pem")).build())
 *         .build());
 * HttpsURLConnection https = (HttpsURLConnection) URI.create("https://example.com/").toURL().openConnection();
 * https.setSSLSocketFactory(tls);
 * }
 *
 * <p>Thread-safe.
 */
public final class ShuttleSslSocketFactory extends SSLSocketFactory {
    private final DropInConnector connector;
    private final TlsClient tls;
    private final ConnectListener listener;

    /** Creates a factory with the {@linkplain ConnectorOptions#defaults() default options}. */
    public ShuttleSslSocketFactory() {
        this(ConnectorOptions.defaults());
    }

    /**
     * Creates a factory with the options {@linkplain ShuttleSocketFactory#register registered}
     * under a name, for libraries that instantiate a factory from its class name and one string.
     *
     * @param name the name given to {@link ShuttleSocketFactory#register}, or {@code null} for
     *     the default options
     * @throws IllegalArgumentException if no options are registered under the name
     */
    public ShuttleSslSocketFactory(String name) {
        this(name == null ? ConnectorOptions.defaults() : ShuttleSocketFactory.registered(name));
    }

    private ShuttleSslSocketFactory(ConnectorOptions options) {
        this(new DropInConnector(options), options.tls(), options.listener());
    }

    private ShuttleSslSocketFactory(DropInConnector connector, TlsOptions tls, ConnectListener listener) {
        this.connector = connector;
        this.tls = TlsClient.of(tls);
        this.listener = listener;
    }

    /**
     * Returns a factory whose sockets connect through a connector, such as a proxy connector
     * ({@code ProxyConnectors.through}), and layer TLS with these options over what it connected:
     * for a library that takes only an {@code SSLSocketFactory} and must reach its servers through
     * a SOCKS or HTTP CONNECT proxy. The TLS handshake runs end to end with the server inside the
     * tunnel: SNI and certificate verification are for the host the library asked for, which the
     * connector is handed as a name (a proxy connector lets the proxy resolve it).
     *
     * {@snippet :
     * SSLSocketFactory viaProxy = ShuttleSslSocketFactory.over(
     *         ProxyConnectors.through("socks5://10.0.0.5:1080", Connector.create()), TlsOptions.defaults());
     * }
     *
     * <p>As for {@link ShuttleSocketFactory#over(Connector)}: the connector's connection must be
     * carried by a TCP socket (a tunnel through a {@code socks5://}, {@code socks4a://},
     * {@code http://} or {@code https://} proxy is; through an {@code https://} proxy, TLS to the
     * server runs inside the TLS to the proxy), else the connect fails with a
     * {@link java.net.SocketException}; a local address cannot be chosen; the connector's own
     * timeout bounds the connect. No listener hears of the handshakes: give the connector one.
     *
     * @param connector what every socket connects through
     * @param tls the TLS options of the handshake with the server
     * @return the factory
     * @throws IllegalArgumentException if the trust store or client certificate cannot be used
     * @throws NullPointerException if an argument is null
     */
    public static ShuttleSslSocketFactory over(dev.shuttle.Connector connector, TlsOptions tls) {
        return new ShuttleSslSocketFactory(DropInConnector.over(Objects.requireNonNull(connector, "connector")),
                Objects.requireNonNull(tls, "tls"), ConnectListener.NONE);
    }

    /**
     * Returns a factory with these TLS options and the default connector options otherwise: the
     * factory to hand a client library together with {@link TlsOptions#trustManager()}, which
     * verifies with the same trust.
     *
     * @param tls the TLS options
     * @return the factory
     * @throws IllegalArgumentException if the trust store or client certificate cannot be used
     * @throws NullPointerException if {@code tls} is null
     */
    public static ShuttleSslSocketFactory create(TlsOptions tls) {
        return create(ConnectorOptions.builder().tls(java.util.Objects.requireNonNull(tls, "tls")).build());
    }

    /**
     * Returns a factory with these options: TLS from {@link ConnectorOptions#tls()}, and DNS,
     * happy eyeballs, timeout and socket options for {@link #createSocket(String, int)}.
     *
     * @param options the options
     * @return the factory
     * @throws IllegalArgumentException if the trust store or client certificate cannot be used
     * @throws NullPointerException if {@code options} is null
     */
    public static ShuttleSslSocketFactory create(ConnectorOptions options) {
        return new ShuttleSslSocketFactory(Objects.requireNonNull(options, "options"));
    }

    /** {@return the cipher suites Shuttle enables, in order of preference: AES-GCM, ChaCha20, ECDHE only} */
    @Override
    public String[] getDefaultCipherSuites() {
        return tls.enabledCipherSuites();
    }

    /** {@return every cipher suite BouncyCastle JSSE could enable on these sockets} */
    @Override
    public String[] getSupportedCipherSuites() {
        return tls.supportedCipherSuites();
    }

    /**
     * Layers TLS over a connected socket. Does no I/O: the handshake runs at
     * {@link SSLSocket#startHandshake()} or at the first read or write, with SNI and hostname
     * verification for {@code host}, within the handshake timeout.
     *
     * @param socket a connected socket
     * @param host the server's hostname (or IP address, an IPv6 one with or without brackets) as
     *     the caller knows it; verified against its certificate
     * @param port the server's port
     * @param autoClose whether closing the TLS socket closes {@code socket}
     * @return the TLS socket
     * @throws IllegalArgumentException if the socket or host is null, or the port out of range
     * @throws java.net.SocketException if the socket is not connected or closed
     * @throws IOException if TLS cannot be layered over it
     */
    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        if (socket == null) {
            throw new IllegalArgumentException("socket must not be null");
        }
        if (host == null) {
            throw new IllegalArgumentException("host must not be null");
        }
        checkPort("port", port, 1);
        if (socket.isClosed() || !socket.isConnected()) {
            throw new java.net.SocketException("Cannot layer TLS over " + socket + ": it is "
                    + (socket.isClosed() ? "closed" : "not connected"));
        }
        String name = SocketHost.unbracketed(host);
        return tls.layer(socket, name, port, autoClose, DropInHandshakes.observer(listener, name, port, socket));
    }

    /**
     * Connects to {@code host:port} through Shuttle and layers TLS over the connection. Blocks
     * until connected; the handshake runs at {@link SSLSocket#startHandshake()} or the first read
     * or write, within the handshake timeout.
     *
     * @param host a hostname or IP literal, an IPv6 literal with or without brackets
     *     ({@code [::1]}, as {@link java.net.URI#getHost()} returns it); SNI names it (unless it is
     *     an IP literal or a name SNI cannot carry) and the certificate is verified for it.
     *     {@code null} or empty is the loopback address, as {@link InetAddress#getByName(String)}
     *     reads it, verified for the name {@code localhost}
     * @param port 1 to 65535
     * @return the TLS socket, not yet handshaken
     * @throws IllegalArgumentException if the port is out of range
     * @throws java.net.UnknownHostException if the name has no address
     * @throws java.net.ConnectException if every address refused
     * @throws java.net.SocketTimeoutException if the connect timeout passed
     * @throws java.io.InterruptedIOException if the calling thread was interrupted
     * @throws IOException for another failure
     */
    @Override
    public Socket createSocket(String host, int port) throws IOException {
        InetSocketAddress target = SocketHost.target(host, checkPort("port", port, 1));
        // The name given (unresolved), or "localhost" for the loopback address a null host means.
        return connect(target, target.getHostString(), null);
    }

    /**
     * Connects to {@code host:port} from a local address and layers TLS, as
     * {@link #createSocket(String, int)}. The socket is bound first, as {@link Socket#bind}
     * binds (a port in use is a {@link java.net.BindException} before any attempt), and only
     * addresses of the family the local address fixes are tried, one after another.
     *
     * @param host a hostname or IP literal, as {@link #createSocket(String, int)} takes it
     * @param port 1 to 65535
     * @param localHost the local address to bind, or {@code null} for any
     * @param localPort the local port, or 0 for any
     * @return the TLS socket, not yet handshaken
     * @throws IllegalArgumentException if a port is out of range
     * @throws IOException as {@link #createSocket(String, int)}, or a {@link java.net.BindException}
     */
    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        InetSocketAddress target = SocketHost.target(host, checkPort("port", port, 1));
        return connect(target, target.getHostString(), local(localHost, localPort));
    }

    /**
     * Connects to an address as it is and layers TLS, as {@link #createSocket(String, int)}. The
     * server's certificate is verified for the IP address (it must hold it as an IP address name),
     * and no SNI is sent. A hostname the address carries is not used: an {@code InetAddress} does
     * not tell the name it was looked up by from one a reverse lookup filled in since (anyone who
     * called {@link InetAddress#getHostName()} on it), and a reverse-lookup name is whatever the
     * owner of the address's PTR record says, so trusting it would let a certificate for an
     * attacker's own name pass for an IP target. To verify a hostname, pass it:
     * {@link #createSocket(String, int)}, or connect a socket and call
     * {@link #createSocket(Socket, String, int, boolean)}.
     *
     * @param address the address
     * @param port 1 to 65535
     * @return the TLS socket, not yet handshaken
     * @throws IllegalArgumentException if the address is null or the port out of range
     * @throws IOException as {@link #createSocket(String, int)}
     */
    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        InetSocketAddress target = resolved(address, port);
        return connect(target, ipOf(address), null);
    }

    /**
     * Connects to an address from a local address and layers TLS, as
     * {@link #createSocket(InetAddress, int)} (verified for the IP address), bound first as
     * {@link #createSocket(String, int, InetAddress, int)} binds it.
     *
     * @param address the address
     * @param port 1 to 65535
     * @param localAddress the local address to bind, or {@code null} for any
     * @param localPort the local port, or 0 for any
     * @return the TLS socket, not yet handshaken
     * @throws IllegalArgumentException if the address is null or a port out of range
     * @throws IOException as {@link #createSocket(String, int)}
     */
    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        InetSocketAddress target = resolved(address, port);
        return connect(target, ipOf(address), local(localAddress, localPort));
    }

    /** Connects TCP through Shuttle, then layers TLS for {@code name}: the handshake waits for the caller's settings. */
    private Socket connect(InetSocketAddress target, String name, InetSocketAddress local) throws IOException {
        Connection connection = connector.connect(target, local);
        try {
            Socket socket = connector.socketOf(connection, target);
            return tls.layer(socket, name, target.getPort(), true,
                    DropInHandshakes.observer(listener, name, target.getPort(), socket));
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * {@return the address as an IP literal, without an IPv6 scope: what the certificate is
     * verified for}
     */
    private static String ipOf(InetAddress address) throws java.net.UnknownHostException {
        return InetAddress.getByAddress(address.getAddress()).getHostAddress();
    }

    private static InetSocketAddress resolved(InetAddress address, int port) {
        if (address == null) {
            throw new IllegalArgumentException("address must not be null");
        }
        return new InetSocketAddress(address, checkPort("port", port, 1));
    }

    private static InetSocketAddress local(InetAddress localAddress, int localPort) {
        checkPort("localPort", localPort, 0);
        if (localAddress == null && localPort == 0) {
            return null;
        }
        return localAddress == null ? new InetSocketAddress(localPort) : new InetSocketAddress(localAddress, localPort);
    }

    private static int checkPort(String name, int port, int lowest) {
        if (port < lowest || port > 65535) {
            throw new IllegalArgumentException(name + " must be between " + lowest + " and 65535, not " + port);
        }
        return port;
    }

    @Override
    public String toString() {
        return "ShuttleSslSocketFactory[" + tls + "]";
    }
}
