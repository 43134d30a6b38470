package dev.shuttle;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.util.List;

/**
 * Watches the phases of connects: DNS answers, each connection attempt of a happy-eyeballs race,
 * each TLS handshake, the outcome; and, given to a {@code ConnectionPool} through
 * {@code PoolOptions.Builder.listener}, the pool's connections reused, opened and evicted. Every
 * method does nothing by default; override what you need.
 *
 * <p>Methods are called on the threads doing the work, several at once during a race: they must
 * be thread-safe and quick, and should not throw. A {@link RuntimeException} from a method is
 * logged (logger {@code dev.shuttle.connect}, WARNING) and ignored: the connect goes on. An
 * {@link Error} ({@code AssertionError}, {@code StackOverflowError}, ...) ends the connect at
 * once: every lookup and attempt still running is cancelled, every connection it opened is
 * closed, and {@code connect} throws that same Error, whichever thread the method ran on.
 *
 * <p>For {@code tls://} each attempt is the TCP connect and the handshake: an attempt's start, the
 * handshake's start and end, then the attempt's end.
 *
 * <p>A lookup's start and end, an attempt's and a handshake's, are told on one thread; an attempt cancelled
 * (another won, the connect timeout passed, the caller was interrupted) is not told of its end,
 * whether it was one of a race or the one attempt to an IP address.
 *
 * {@snippet :
 * ConnectListener trace = new ConnectListener() {
 *     @Override
 *     public void attemptStarted(Endpoint endpoint, InetSocketAddress address) {
 *         System.err.println("trying " + address);
 *     }
 * };
 * Connector connector = Connector.create(ConnectorOptions.builder().listener(trace).build());
 * }
 */
public interface ConnectListener {

    /** A listener that does nothing. */
    ConnectListener NONE = new ConnectListener() {};

    /**
     * A DNS lookup of one family starts.
     *
     * @param endpoint the endpoint being connected to
     * @param family {@code INET6} for AAAA, {@code INET} for A
     */
    default void lookupStarted(Endpoint endpoint, StandardProtocolFamily family) {}

    /**
     * A DNS lookup of one family answered.
     *
     * @param endpoint the endpoint being connected to
     * @param family the family asked for
     * @param addresses the addresses, possibly none
     */
    default void lookupAnswered(Endpoint endpoint, StandardProtocolFamily family, List<InetAddress> addresses) {}

    /**
     * A DNS lookup of one family failed.
     *
     * @param endpoint the endpoint being connected to
     * @param family the family asked for
     * @param failure why
     */
    default void lookupFailed(Endpoint endpoint, StandardProtocolFamily family, IOException failure) {}

    /**
     * A connection attempt to one address starts.
     *
     * @param endpoint the endpoint being connected to
     * @param address the address tried
     */
    default void attemptStarted(Endpoint endpoint, InetSocketAddress address) {}

    /**
     * A connection attempt to one address of a service endpoint starts: an address of an HTTPS or
     * SVCB record's target (or one of its hints), on the record's port, offering the ALPN ids the
     * record and the client share. By default calls {@link #attemptStarted(Endpoint,
     * InetSocketAddress)}, so that a listener that ignores service records sees every attempt.
     *
     * @param endpoint the endpoint being connected to
     * @param address the address tried
     * @param service the service endpoint it came from
     */
    default void attemptStarted(Endpoint endpoint, InetSocketAddress address, ServiceEndpoint service) {
        attemptStarted(endpoint, address);
    }

    /**
     * The HTTPS or SVCB lookup of a connect answered (Happy Eyeballs v3), after AliasMode records
     * were followed.
     *
     * @param endpoint the endpoint being connected to
     * @param services the usable ServiceMode endpoints, possibly none
     */
    default void servicesAnswered(Endpoint endpoint, List<ServiceEndpoint> services) {}

    /**
     * The HTTPS or SVCB lookup of a connect failed; the connect goes on with the A and AAAA
     * answers alone.
     *
     * @param endpoint the endpoint being connected to
     * @param failure why
     */
    default void servicesFailed(Endpoint endpoint, IOException failure) {}

    /**
     * A connection attempt failed; others may still succeed.
     *
     * @param endpoint the endpoint being connected to
     * @param address the address tried
     * @param failure why
     */
    default void attemptFailed(Endpoint endpoint, InetSocketAddress address, IOException failure) {}

    /**
     * A connection attempt succeeded and won; every other attempt is being cancelled.
     *
     * @param endpoint the endpoint being connected to
     * @param address the winning address
     */
    default void attemptSucceeded(Endpoint endpoint, InetSocketAddress address) {}

    /**
     * A TLS handshake starts over an attempt's TCP connection.
     *
     * @param endpoint the endpoint being connected to
     * @param address the address connected to
     */
    default void handshakeStarted(Endpoint endpoint, InetSocketAddress address) {}

    /**
     * A TLS handshake completed and the server's certificate was verified.
     *
     * @param endpoint the endpoint being connected to
     * @param address the address connected to
     * @param handshake what it negotiated: protocol, cipher suite, ALPN, the server's certificates
     */
    default void handshakeSucceeded(Endpoint endpoint, InetSocketAddress address, TlsHandshake handshake) {}

    /**
     * A TLS handshake failed (its attempt fails with the same exception).
     *
     * @param endpoint the endpoint being connected to
     * @param address the address connected to
     * @param failure why: an {@link javax.net.ssl.SSLHandshakeException} whose message says what
     *     was refused, a {@link java.net.SocketTimeoutException} for the handshake timeout, ...
     */
    default void handshakeFailed(Endpoint endpoint, InetSocketAddress address, IOException failure) {}

    /**
     * A {@code ConnectionPool} hands out a connection: an idle one it kept, or one it just opened.
     *
     * @param endpoint the endpoint asked for
     * @param reused {@code true} for an idle connection reused, {@code false} for a new one
     */
    default void poolConnectionAcquired(Endpoint endpoint, boolean reused) {}

    /**
     * A {@code ConnectionPool} closes an idle connection instead of reusing it.
     *
     * @param endpoint the connection's endpoint
     * @param reason why
     */
    default void poolConnectionEvicted(Endpoint endpoint, Eviction reason) {}

    /** Why a pool closed an idle connection. */
    enum Eviction {
        /** It stayed idle longer than the idle timeout, or lived longer than the maximum lifetime. */
        EXPIRED,
        /** The peer closed it, or sent something, while it was idle. */
        CLOSED_BY_PEER,
        /** It came back when the endpoint already had as many idle connections as allowed. */
        POOL_FULL,
        /** The pool was closed. */
        POOL_CLOSED
    }
}
