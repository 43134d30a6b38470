package dev.shuttle.internal.tls;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.tls.TlsServerOptions;
import java.io.IOException;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The server side of TLS: one BouncyCastle context per {@link TlsServerOptions}, and the server
 * handshake over an accepted connection, on the thread that calls it (the connection's own
 * virtual thread in a {@code Server}). Thread-safe.
 */
public final class TlsServer {
    private static final ContextCache<TlsServerOptions, SSLContext> CACHE = new ContextCache<>(SslContexts::server);
    private final TlsServerOptions options;
    private final SSLContext context;
    private final String[] cipherSuites;

    /**
     * Builds the server's TLS context.
     *
     * @param options the options
     * @throws IllegalArgumentException if the certificates or the client trust store cannot be used
     */
    public TlsServer(TlsServerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.context = SslContexts.server(options);
        this.cipherSuites = CipherSuites.of(context);
    }

    private TlsServer(TlsServerOptions options, SSLContext context) {
        this.options = options;
        this.context = context;
        this.cipherSuites = CipherSuites.of(context);
    }

    /**
     * {@return the server for these options, built once per options object and shared}
     *
     * @param options the options
     * @throws IllegalArgumentException if the certificates or the client trust store cannot be used
     */
    public static TlsServer of(TlsServerOptions options) {
        return new TlsServer(options, CACHE.get(Objects.requireNonNull(options, "options")));
    }

    /**
     * {@return a server of its own (its context not shared) presenting the reloader's certificates,
     * which can be replaced while it serves}
     *
     * @param options the options
     * @param reloader the server's certificates
     * @throws IllegalArgumentException if the client trust store cannot be used
     */
    public static TlsServer reloadable(TlsServerOptions options, CertificateReloader reloader) {
        return new TlsServer(Objects.requireNonNull(options, "options"), SslContexts.server(options, reloader.keyManager()));
    }

    /**
     * Performs the server handshake over an accepted plaintext connection (TCP, Unix, STARTTLS),
     * within the handshake timeout: the one place a server's TLS connection is made.
     *
     * @param accepted the accepted connection; owned by this call, closed on failure
     * @param server the server's address, named in errors
     * @return the TLS connection
     * @throws javax.net.ssl.SSLHandshakeException if the handshake failed; its message says why
     * @throws java.net.SocketTimeoutException if the client took longer than the handshake timeout
     * @throws IOException for another I/O failure
     */
    public Connection handshake(Connection accepted, Endpoint server) throws IOException {
        Endpoint client = accepted.remoteAddress();
        String peer = "client " + (client.scheme() == Scheme.UNIX ? "" : client.withScheme(Scheme.TLS) + " ") + "of " + server;
        HandshakeFailures.Attempt attempt =
                new HandshakeFailures.Attempt(peer, false, options.protocols(), options.applicationProtocols());
        SSLEngine engine;
        try {
            engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            engine.setSSLParameters(parameters(engine.getSSLParameters()));
        } catch (RuntimeException e) {
            accepted.close();
            throw HandshakeFailures.translate(attempt, e, null);
        }
        return EngineConnection.handshake(accepted, engine, options.handshakeTimeout(), attempt);
    }

    private SSLParameters parameters(SSLParameters parameters) {
        parameters.setProtocols(options.protocols().toArray(String[]::new));
        parameters.setCipherSuites(cipherSuites);
        parameters.setUseCipherSuitesOrder(true);
        parameters.setSignatureSchemes(SignatureSchemes.defaults());
        parameters.setApplicationProtocols(options.applicationProtocols().toArray(String[]::new));
        switch (options.clientAuth()) {
            case REQUIRED -> parameters.setNeedClientAuth(true);
            case WANTED -> parameters.setWantClientAuth(true);
            case NONE -> {
                parameters.setNeedClientAuth(false);
                parameters.setWantClientAuth(false);
            }
        }
        return parameters;
    }

    @Override
    public String toString() {
        return "TlsServer" + options;
    }
}
