package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.trust.TrustAll;
import dev.shuttle.tls.TlsOptions;
import javax.net.ssl.X509TrustManager;

/**
 * The trust manager a client's {@link TlsOptions} verify servers with, handed out to client
 * libraries that take one next to a socket factory (OkHttp's
 * {@code sslSocketFactory(factory, trustManager)}): built once per options object. It checks the
 * chain against the same anchors as Shuttle's own handshakes; the hostname is checked by the
 * handshake, as {@link #of} callers' libraries do themselves.
 */
public final class TrustManagers {
    private static final ContextCache<TlsOptions, X509TrustManager> CACHE = new ContextCache<>(TrustManagers::build);

    private TrustManagers() {}

    /**
     * {@return the trust manager of these options}
     *
     * @param options the client's TLS options
     * @throws IllegalArgumentException if the trust store cannot be used
     */
    public static X509TrustManager of(TlsOptions options) {
        return CACHE.get(options);
    }

    private static X509TrustManager build(TlsOptions options) {
        if (options.isInsecureTrustAll()) {
            return new TrustAll();
        }
        return SslContexts.verifying(options);
    }
}
