package dev.shuttle;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.util.List;

/**
 * Watches the phases of connects: DNS answers, each connection attempt of a happy-eyeballs race,
 * the outcome. Every method does nothing by default; override what you need.
 *
 * <p>Methods are called on the threads doing the work, several at once during a race: they must
 * be thread-safe and quick, and should not throw. A {@link RuntimeException} from a method is
 * logged (logger {@code dev.shuttle.connect}, WARNING) and ignored: the connect goes on. An
 * {@link Error} ({@code AssertionError}, {@code StackOverflowError}, ...) ends the connect at
 * once: every lookup and attempt still running is cancelled, every connection it opened is
 * closed, and {@code connect} throws that same Error, whichever thread the method ran on.
 *
 * <p>A lookup's start and end, and an attempt's, are told on one thread; an attempt cancelled
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
}
