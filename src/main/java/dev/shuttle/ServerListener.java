package dev.shuttle;

import java.io.IOException;
import java.util.Optional;

/**
 * Watches what a {@link Server} does with its clients: each connection accepted, each TLS
 * handshake (what it negotiated, or why it failed), and each failure with its reason, rejections
 * over a connection limit among them. Given with {@link ServerOptions.Builder#listener}; the
 * counts are in {@link Server#stats()}. Every method does nothing by default; override what you
 * need.
 *
 * <p>Methods are called on the server's threads (the accept loop, each connection's own thread),
 * several at once: they must be thread-safe and quick. A {@link RuntimeException} from a method
 * is logged (logger {@code dev.shuttle.server}, WARNING) and ignored. An {@link Error} closes the
 * connection concerned, then ends serving as a handler's {@code Error} does: the server closes and
 * {@link Server#serve} throws it ({@link Server#accept()} throws it to its caller).
 *
 * {@snippet :
 * ServerListener audit = new ServerListener() {
 *     @Override
 *     public void handshakeSucceeded(Endpoint server, Endpoint client, TlsHandshake handshake) {
 *         log.info(client + " " + handshake.protocol() + " " + handshake.peerCertificates());
 *     }
 * };
 * Server server = Server.listen("tls://[::]:8443", ServerOptions.builder().tls(tls).listener(audit).build());
 * }
 */
public interface ServerListener {

    /** A listener that does nothing. */
    ServerListener NONE = new ServerListener() {};

    /**
     * A connection was accepted; for TLS, its handshake comes next, on its own thread.
     *
     * @param server the server's address
     * @param client the client's address
     */
    default void accepted(Endpoint server, Endpoint client) {}

    /**
     * A client's TLS handshake completed.
     *
     * @param server the server's address
     * @param client the client's address
     * @param handshake what it negotiated; its peer certificates are the client's, if it sent any
     */
    default void handshakeSucceeded(Endpoint server, Endpoint client, TlsHandshake handshake) {}

    /**
     * A client's TLS handshake failed; the connection is closed and the failure also goes to
     * {@link #failed} and the error handler.
     *
     * @param server the server's address
     * @param client the client's address
     * @param failure why, such as an {@link javax.net.ssl.SSLHandshakeException} or a
     *     {@link java.net.SocketTimeoutException} for the handshake timeout
     */
    default void handshakeFailed(Endpoint server, Endpoint client, IOException failure) {}

    /**
     * A failure reached the server's error handler: an accept error, a failed handshake, a
     * handler's exception, a connection rejected over a limit.
     *
     * @param server the server's address
     * @param failure what failed
     * @param reason how the client made it fail (reset, timeout, TLS, over the limit...), or
     *     empty for a failure that is not the client's (a handler's bug, too many open files)
     */
    default void failed(Endpoint server, Throwable failure, Optional<ServerStats.ClientFailure> reason) {}
}
