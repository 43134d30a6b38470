package dev.shuttle.internal.tls;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.tls.TlsOptions;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The client side of TLS: one BouncyCastle context per {@link TlsOptions} (so TLS 1.2 sessions
 * are resumed across connections), and the handshake over a connected socket or any plaintext
 * {@link Connection}.
 *
 * <p>This is the seam for connectors that connect the TCP socket themselves (happy eyeballs): they
 * connect to an IP address and call {@link #handshake(Connection, Endpoint)} with the endpoint the
 * user asked for, so that SNI and hostname verification use the name, not the address. Every
 * connection is an {@link EngineConnection}, and {@link #layer} (the drop-in {@code SSLSocketFactory},
 * which must return an {@code SSLSocket}) makes an {@link EngineSslSocket}: the same engine loop.
 * Thread-safe.
 */
public final class TlsClient {
    private static final ContextCache<TlsOptions, SSLContext> CACHE = new ContextCache<>(SslContexts::client);
    private final TlsOptions options;
    private final SSLContext context;
    private final String[] cipherSuites;

    /**
     * Builds the client's TLS context.
     *
     * @param options the options
     * @throws IllegalArgumentException if the trust store or client certificate cannot be used
     */
    public TlsClient(TlsOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.context = SslContexts.client(options);
        this.cipherSuites = CipherSuites.of(context);
    }

    private TlsClient(TlsOptions options, SSLContext context) {
        this.options = options;
        this.context = context;
        this.cipherSuites = CipherSuites.of(context);
    }

    /**
     * {@return the client for these options, built once per options object and shared}
     *
     * @param options the options
     * @throws IllegalArgumentException if the trust store or client certificate cannot be used
     */
    public static TlsClient of(TlsOptions options) {
        return new TlsClient(options, CACHE.get(Objects.requireNonNull(options, "options")));
    }

    /** {@return the options} */
    public TlsOptions options() {
        return options;
    }

    /**
     * Performs the client handshake over a TCP connection, within the handshake timeout. SNI
     * carries the requested host (without a trailing dot; none for an IP literal, nor for a name
     * SNI cannot carry such as {@code project_db_1}), and the server's certificate is verified for
     * that host (its IP address names for an IP literal), unless {@link TlsOptions#serverName()}
     * overrides it.
     *
     * @param plain a TCP connection to one of the requested host's addresses; owned by this call,
     *     closed on failure
     * @param requested the endpoint as the user asked for it, such as {@code tls://example.com:443}
     * @return the TLS connection, whose addresses are written {@code tls://}
     * @throws javax.net.ssl.SSLHandshakeException if the handshake failed; its message says why
     * @throws java.net.SocketTimeoutException if the handshake timeout passed
     * @throws java.io.InterruptedIOException if the calling thread was interrupted
     * @throws IOException for another I/O failure
     */
    public Connection handshake(Connection plain, Endpoint requested) throws IOException {
        return over(plain, requested, serverName(requested), requested.port());
    }

    /**
     * Performs the client handshake over an open plaintext connection (STARTTLS, or TLS over a
     * Unix socket).
     *
     * @param plain the open connection; owned by this call, closed on failure
     * @param serverName the name sent in SNI (unless an IP literal) and verified, unless
     *     {@link TlsOptions#serverName()} overrides it
     * @return the TLS connection
     * @throws IOException as {@link #handshake(Connection, Endpoint)}
     */
    public Connection handshake(Connection plain, String serverName) throws IOException {
        String name = options.serverName().orElse(Objects.requireNonNull(serverName, "serverName"));
        Endpoint remote = plain.remoteAddress();
        Endpoint shown = remote.scheme() == Scheme.UNIX ? remote : remote.withScheme(Scheme.TLS);
        return over(plain, shown, name, remote.scheme() == Scheme.UNIX ? -1 : remote.port());
    }

    /** The one place a client's TLS connection is made, over any transport. */
    private Connection over(Connection plain, Endpoint shown, String name, int port) throws IOException {
        HandshakeFailures.Attempt attempt = attempt(shown, name);
        SSLEngine engine;
        try {
            engine = clientEngine(name, port);
        } catch (RuntimeException e) {
            plain.close();
            throw HandshakeFailures.translate(attempt, e, null);
        }
        EngineConnection connection = EngineConnection.handshake(plain, engine, options.handshakeTimeout(), attempt);
        if (!options.sessionResumption()) {
            engine.getSession().invalidate();
        }
        return connection;
    }

    /**
     * Layers TLS over a connected socket for an {@code SSLSocketFactory}, without handshaking yet:
     * the handshake runs at {@code startHandshake()} or the first read or write, within the
     * handshake timeout, with SNI and hostname verification for {@code host} (unless
     * {@link TlsOptions#serverName()} overrides it), and fails with an
     * {@link javax.net.ssl.SSLHandshakeException} saying why.
     *
     * @param connected a connected socket
     * @param host the server's name as the caller knows it
     * @param port the server's port, for session resumption and messages
     * @param autoClose whether closing the TLS socket closes {@code connected}
     * @return the TLS socket
     * @throws IOException if the socket cannot be layered (it is not connected, say)
     */
    public SSLSocket layer(Socket connected, String host, int port, boolean autoClose) throws IOException {
        return layer(connected, host, port, autoClose, HandshakeObserver.NONE);
    }

    /**
     * Layers TLS over a connected socket as {@link #layer(Socket, String, int, boolean)} does,
     * telling {@code observer} of the handshake when it runs.
     *
     * @param connected a connected socket
     * @param host the server's name as the caller knows it
     * @param port the server's port, for session resumption and messages
     * @param autoClose whether closing the TLS socket closes {@code connected}
     * @param observer told when the handshake starts and how it ends
     * @return the TLS socket
     * @throws IOException if the socket cannot be layered (it is not connected, say)
     */
    public SSLSocket layer(Socket connected, String host, int port, boolean autoClose, HandshakeObserver observer)
            throws IOException {
        String name = options.serverName().orElse(Objects.requireNonNull(host, "host"));
        String peer = "tls://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port
                + (name.equals(host) ? "" : " (as " + name + ")");
        HandshakeFailures.Attempt attempt = new HandshakeFailures.Attempt(peer, true, options.protocols(),
                options.applicationProtocols());
        SSLEngine engine = clientEngine(name, port);
        EngineSslSocket socket = new EngineSslSocket(connected, engine, autoClose, options.handshakeTimeout(), attempt,
                options.sessionResumption());
        socket.observe(observer);
        return socket;
    }

    /** {@return the cipher suites this client enables, in order of preference} */
    public String[] enabledCipherSuites() {
        return cipherSuites.clone();
    }

    /** {@return every cipher suite the TLS provider could enable} */
    public String[] supportedCipherSuites() {
        return context.getSupportedSSLParameters().getCipherSuites();
    }

    private String serverName(Endpoint requested) {
        return options.serverName().orElseGet(requested::host);
    }

    private HandshakeFailures.Attempt attempt(Endpoint requested, String name) {
        String peer = requested.scheme() == Scheme.UNIX || !name.equals(requested.host())
                ? requested + " (as " + name + ")"
                : requested.toString();
        return new HandshakeFailures.Attempt(peer, true, options.protocols(), options.applicationProtocols());
    }

    private SSLParameters parameters(SSLParameters parameters, String name) {
        parameters.setProtocols(options.protocols().toArray(String[]::new));
        parameters.setCipherSuites(cipherSuites);
        parameters.setApplicationProtocols(options.applicationProtocols().toArray(String[]::new));
        parameters.setServerNames(name == null ? List.of() : ServerNames.of(name));
        parameters.setSignatureSchemes(SignatureSchemes.defaults());
        // Hostname verification is done by VerifyingTrustManager, with messages that name the names.
        parameters.setEndpointIdentificationAlgorithm(null);
        return parameters;
    }

    /**
     * {@return a client engine set up as this client's own connections are (protocols, cipher
     * suites, signature schemes, ALPN, SNI for the host), for an {@code SSLContext} handed to
     * another library} The trust manager verifies the server's certificate for {@code host}
     * ({@link TlsOptions#serverName()} when set); with no host, it refuses every certificate.
     *
     * @param host the server's name, or {@code null} when the caller gives none
     * @param port the server's port, for session resumption, or -1
     */
    public SSLEngine engine(String host, int port) {
        String name = options.serverName().orElse(host);
        return new WordedEngine(clientEngine(name, port), options.protocols(), options.applicationProtocols());
    }

    /** The one place a client engine is made: client mode, this client's parameters, SNI for {@code name}. */
    private SSLEngine clientEngine(String name, int port) {
        SSLEngine engine = name == null ? context.createSSLEngine() : context.createSSLEngine(name, port);
        engine.setUseClientMode(true);
        engine.setSSLParameters(parameters(engine.getSSLParameters(), name));
        return engine;
    }

    /** {@return the parameters this client's engines start with, with no server name} */
    public SSLParameters defaultParameters() {
        return parameters(context.getDefaultSSLParameters(), null);
    }

    /** {@return everything the TLS provider supports} */
    public SSLParameters supportedParameters() {
        return context.getSupportedSSLParameters();
    }

    /** {@return the client session cache of this client's context} */
    public javax.net.ssl.SSLSessionContext sessionContext() {
        return context.getClientSessionContext();
    }

    public static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing after a failure; the failure is what the caller reports.
        }
    }

    @Override
    public String toString() {
        return "TlsClient" + options;
    }
}
