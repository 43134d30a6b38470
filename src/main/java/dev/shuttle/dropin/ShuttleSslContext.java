package dev.shuttle.dropin;

import dev.shuttle.ConnectorOptions;
import dev.shuttle.internal.tls.EngineSslContext;
import dev.shuttle.internal.tls.TlsClient;
import dev.shuttle.tls.TlsOptions;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * An {@link SSLContext} over Shuttle's TLS client, for libraries that take a context rather than
 * a socket factory, such as {@code java.net.http.HttpClient}: its engines verify the server's
 * certificate chain against the options' trust and its name against the host the library
 * connects to, offer TLS 1.3 and 1.2 with Shuttle's cipher suites and signature schemes, and send
 * SNI; its {@link SSLContext#getSocketFactory() socket factory} is a
 * {@link ShuttleSslSocketFactory} with the same options.
 *
 * {@snippet :
 * HttpClient client = HttpClient.newBuilder()
 *         .sslContext(ShuttleSslContext.create(TlsOptions.builder().trustPem(Path.of("ca.pem")).build()))
 *         .build();
 * }
 *
 * <p>The context is ready to use: its {@code init} throws
 * {@link java.security.KeyManagementException} (change the options instead). It is a client's
 * context: its server socket factory and server session context throw
 * {@link UnsupportedOperationException}. An engine made without a host
 * ({@code createSSLEngine()}) cannot verify a name, so it refuses every server certificate.
 * A library that sets its own {@code SSLParameters} on an engine (protocols, suites) is obeyed,
 * within what BouncyCastle supports; the certificate checks stay. The library drives the engines,
 * so its own timeouts bound their handshakes: {@link TlsOptions#handshakeTimeout()} does not.
 * Thread-safe.
 */
public final class ShuttleSslContext {
    private ShuttleSslContext() {}

    /**
     * Returns a context with these TLS options.
     *
     * @param tls the TLS options
     * @return the context
     * @throws IllegalArgumentException if the trust store or client certificate cannot be used
     * @throws NullPointerException if {@code tls} is null
     */
    public static SSLContext create(TlsOptions tls) {
        return create(ConnectorOptions.builder().tls(Objects.requireNonNull(tls, "tls")).build());
    }

    /**
     * Returns a context with the TLS options of {@link ConnectorOptions#tls()}; its socket factory
     * also takes the DNS, happy-eyeballs, timeout and socket options.
     *
     * @param options the options
     * @return the context
     * @throws IllegalArgumentException if the trust store or client certificate cannot be used
     * @throws NullPointerException if {@code options} is null
     */
    public static SSLContext create(ConnectorOptions options) {
        Objects.requireNonNull(options, "options");
        return EngineSslContext.of(TlsClient.of(options.tls()), ShuttleSslSocketFactory.create(options));
    }
}
