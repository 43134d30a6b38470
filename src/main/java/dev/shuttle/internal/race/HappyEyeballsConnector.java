package dev.shuttle.internal.race;

import dev.shuttle.Connection;
import dev.shuttle.ConnectListener;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.internal.address.AddressSorter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Connects to {@code tcp://host:port} (or {@code tls://}, with a TLS attempt) by name: resolves
 * and races the addresses with {@link HappyEyeballsRace}. An IP literal skips DNS and makes one
 * attempt.
 */
public final class HappyEyeballsConnector implements Connector {
    private final Scheme scheme;
    private final FamilyLookup lookup;
    private final Function<Endpoint, Attempt> attempts;
    private final RaceSettings settings;
    private final AddressSorter sorter;
    private final Ticker ticker;
    private final ConnectListener listener;
    private final Duration timeout;
    private final ServiceLookup services;

    /**
     * Creates the connector.
     *
     * @param scheme the one scheme it accepts
     * @param lookup the DNS lookup
     * @param attempts for the endpoint asked for, what connects to one of its addresses
     * @param settings the race's parameters
     * @param sorter the RFC 6724 sorter
     * @param ticker the clock
     * @param listener told of every phase
     */
    public HappyEyeballsConnector(Scheme scheme, FamilyLookup lookup, Function<Endpoint, Attempt> attempts,
            RaceSettings settings, AddressSorter sorter, Ticker ticker, ConnectListener listener) {
        this(scheme, lookup, attempts, settings, sorter, ticker, listener, null);
    }

    /**
     * Creates the connector with a deadline for each connect, kept by the race itself (see
     * {@link HappyEyeballsRace}); an IP literal's one attempt is bounded by it too.
     *
     * @param scheme the one scheme it accepts
     * @param lookup the DNS lookup
     * @param attempts for the endpoint asked for, what connects to one of its addresses
     * @param settings the race's parameters
     * @param sorter the RFC 6724 sorter
     * @param ticker the clock
     * @param listener told of every phase
     * @param timeout the longest a connect may take, or {@code null} for no limit
     */
    public HappyEyeballsConnector(Scheme scheme, FamilyLookup lookup, Function<Endpoint, Attempt> attempts,
            RaceSettings settings, AddressSorter sorter, Ticker ticker, ConnectListener listener, Duration timeout) {
        this(scheme, lookup, ServiceLookup.NONE, attempts, settings, sorter, ticker, listener, timeout);
    }

    /**
     * Creates the connector with a deadline and a service record lookup (Happy Eyeballs v3):
     * names it {@linkplain ServiceLookup#asks asks} about race on their HTTPS or SVCB records too.
     *
     * @param scheme the one scheme it accepts
     * @param lookup the DNS lookup
     * @param services the HTTPS and SVCB lookup
     * @param attempts for the endpoint asked for, what connects to one of its addresses
     * @param settings the race's parameters
     * @param sorter the RFC 6724 sorter
     * @param ticker the clock
     * @param listener told of every phase
     * @param timeout the longest a connect may take, or {@code null} for no limit
     */
    public HappyEyeballsConnector(Scheme scheme, FamilyLookup lookup, ServiceLookup services,
            Function<Endpoint, Attempt> attempts, RaceSettings settings, AddressSorter sorter, Ticker ticker,
            ConnectListener listener, Duration timeout) {
        this.services = Objects.requireNonNull(services, "services");
        this.timeout = timeout;
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sorter = Objects.requireNonNull(sorter, "sorter");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.listener = SafeListener.of(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public Connection connect(String uri) throws IOException {
        Endpoint endpoint = Endpoint.parse(uri);
        if (endpoint.scheme() != scheme) {
            throw new IllegalArgumentException("This connector cannot connect to " + endpoint
                    + ": it handles " + scheme + ":// URIs only");
        }
        Attempt attempt = attempts.apply(endpoint);
        InetAddress literal = endpoint.ipAddress().orElse(null);
        if (literal != null && timeout == null) {
            return connectOnce(endpoint, attempt, new InetSocketAddress(literal, endpoint.port()));
        }
        // With a deadline, a literal runs as a race of one address (its own answer, never the
        // resolver's), so that the race keeps the deadline.
        FamilyLookup addresses = literal == null ? lookup
                : FamilyLookup.of((host, family) -> List.of(literal), (host, family) -> List.of(literal));
        return new HappyEyeballsRace(endpoint, addresses, literal == null ? services : ServiceLookup.NONE, attempt,
                settings, sorter, ticker, listener, timeout).run();
    }

    private Connection connectOnce(Endpoint endpoint, Attempt attempt, InetSocketAddress address) throws IOException {
        listener.attemptStarted(endpoint, address);
        Connection connection;
        try {
            connection = attempt.connect(address);
        } catch (IOException e) {
            listener.attemptFailed(endpoint, address, e);
            throw e;
        }
        try {
            listener.attemptSucceeded(endpoint, address);
        } catch (Throwable e) {
            connection.close(); // an Error from the listener: the caller never gets the connection
            throw e;
        }
        return connection;
    }

    @Override
    public String toString() {
        return "HappyEyeballsConnector[" + scheme + ", " + settings + "]";
    }
}
