package dev.shuttle;

import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.race.SafeListener;
import dev.shuttle.internal.tls.HandshakeSummaries;
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
 * <p>Works over any connection, TCP or a Unix socket (an {@code SSLEngine} over its streams, as
 * every TLS connection of Shuttle's is). After the upgrade use
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
     * Runs the client handshake over the connection as {@link #client(Connection, String, TlsOptions)}
     * does, telling {@code listener} of it as a connector's {@code tls://} attempt tells its
     * listener: {@link ConnectListener#handshakeStarted handshakeStarted}, then
     * {@link ConnectListener#handshakeSucceeded handshakeSucceeded} with what it negotiated or
     * {@link ConnectListener#handshakeFailed handshakeFailed} with the exception this method
     * throws. The endpoint told is the connection's remote address with the scheme {@code tls://}
     * (a Unix socket's as it is); the address is its IP address and port, or {@code null} for a
     * connection not over IP. A listener's {@link RuntimeException} is logged and ignored; an
     * {@link Error} ends the upgrade with it, the connection closed.
     *
     * @param plain an open plaintext connection, positioned where the peer expects the ClientHello
     * @param serverName the server's hostname (or IP address) as the user knows it
     * @param options the TLS options
     * @param listener told of the handshake
     * @return the TLS connection over the same transport
     * @throws javax.net.ssl.SSLHandshakeException if the handshake failed; its message says why
     * @throws java.net.SocketTimeoutException if the handshake timeout passed
     * @throws IllegalArgumentException as {@link #client(Connection, String, TlsOptions)}
     * @throws IOException for another I/O failure
     */
    public static Connection client(Connection plain, String serverName, TlsOptions options, ConnectListener listener)
            throws IOException {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(options, "options");
        OptionChecks.checkServerName(serverName);
        TlsClient client = TlsClient.of(options);
        Endpoint remote = plain.remoteAddress();
        Endpoint told = remote.scheme() == Scheme.UNIX ? remote : remote.withScheme(Scheme.TLS);
        java.net.InetSocketAddress address = remote.ipAddress().map(ip -> new java.net.InetSocketAddress(ip, remote.port()))
                .orElse(null);
        ConnectListener safe = SafeListener.of(listener);
        try {
            safe.handshakeStarted(told, address);
        } catch (Error e) {
            plain.close();
            throw e;
        }
        Connection secured;
        try {
            secured = client.handshake(plain, serverName);
        } catch (IOException e) {
            if (!Thread.currentThread().isInterrupted()) {
                safe.handshakeFailed(told, address, e);
            }
            throw e;
        }
        try {
            HandshakeSummaries.of(secured).ifPresent(done -> safe.handshakeSucceeded(told, address, done));
        } catch (Error e) {
            secured.close();
            throw e;
        }
        return secured;
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
