package dev.shuttle;

import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.tls.OptionChecks;
import dev.shuttle.internal.tls.TlsClient;
import dev.shuttle.internal.tls.TlsServer;
import java.io.IOException;
import java.util.Objects;

/**
 * Upgrades an open plaintext connection to TLS, as the STARTTLS commands of SMTP, IMAP, LDAP or
 * PostgreSQL do: the conversation starts in plaintext, both sides agree to switch, and the
 * handshake runs over the same connection.
 *
 * <p>Works over TCP (an {@code SSLSocket} layered on the connection's socket) and over any other
 * connection, such as a Unix socket (an {@code SSLEngine} over its streams). After the upgrade use
 * only the returned connection; closing it closes the plaintext one too. A failed upgrade closes
 * the plaintext connection.
 *
 * {@snippet :
 * Connection plain = Connector.tcp().connect("tcp://192.0.2.25:25");
 * // ... EHLO, STARTTLS, "220 Ready to start TLS" ...
 * Connection secure = StartTls.client(plain, "mail.example.com", TlsOptions.defaults());
 * }
 */
public final class StartTls {
    private StartTls() {}

    /**
     * Runs the client handshake over the connection. Blocks until the handshake is done, fails,
     * or the handshake timeout passes. SNI carries {@code serverName} (none for an IP literal)
     * and the server's certificate is verified for it, unless the options say otherwise.
     *
     * <p>Calls with the same options object share one TLS context: the trust store is loaded
     * once and TLS 1.2 sessions are resumed.
     *
     * @param plain an open plaintext connection, positioned where the peer expects the ClientHello
     * @param serverName the server's hostname (or IP address) as the user knows it
     * @param options the TLS options
     * @return the TLS connection over the same transport
     * @throws javax.net.ssl.SSLHandshakeException if the handshake failed; its message says why
     * @throws java.net.SocketTimeoutException if the handshake timeout passed
     * @throws IllegalArgumentException if the options' trust store or certificate cannot be used,
     *     or {@code serverName} is not a hostname or IP address as a URI's host must be (checked
     *     before anything is sent)
     * @throws IOException for another I/O failure
     */
    public static Connection client(Connection plain, String serverName, TlsOptions options) throws IOException {
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(options, "options");
        OptionChecks.checkServerName(serverName);
        return TlsClient.of(options).handshake(plain, serverName);
    }

    /**
     * Runs the server handshake over the connection, on the calling thread. Blocks until the
     * handshake is done, fails, or the handshake timeout passes.
     *
     * @param plain an open plaintext connection, positioned where the client's ClientHello starts
     * @param options the server's TLS options
     * @return the TLS connection over the same transport
     * @throws javax.net.ssl.SSLHandshakeException if the handshake failed; its message says why
     * @throws java.net.SocketTimeoutException if the client took longer than the handshake timeout
     * @throws IllegalArgumentException if the certificates or client trust store cannot be used
     * @throws IOException for another I/O failure
     */
    public static Connection server(Connection plain, TlsServerOptions options) throws IOException {
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(options, "options");
        return TlsServer.of(options).handshake(plain, plain.localAddress());
    }
}
