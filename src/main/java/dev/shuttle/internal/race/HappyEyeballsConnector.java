package dev.shuttle.internal.race;

import dev.shuttle.Connection;
import dev.shuttle.ConnectListener;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.internal.address.AddressSorter;
import dev.shuttle.internal.io.Timeouts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Connects to {@code tcp://host:port} (or {@code tls://}, with a TLS attempt): the one place that
 * decides how a target is reached by a protocol that can race ({@link OneAddress} decides it for UDP,
 * which cannot). A name is resolved and its addresses raced with
 * {@link HappyEyeballsRace}; an IP literal skips DNS and makes one attempt, on the calling thread
 * when the attempt keeps the connect timeout itself ({@link Attempt#selfTimed()}), else as a race of
 * one address, which keeps it.
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
    public Connection connect(Endpoint endpoint) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.scheme() != scheme) {
            throw new IllegalArgumentException("This connector cannot connect to " + endpoint
                    + ": it handles " + scheme + ":// URIs only");
        }
        Attempt attempt = attempts.apply(endpoint);
        InetAddress literal = endpoint.ipAddress().orElse(null);
        if (literal != null) {
            InetSocketAddress address = new InetSocketAddress(literal, endpoint.port());
            if (timeout == null) {
                return OneAttempt.run(endpoint, address, null, listener, () -> attempt.connect(address));
            }
            Attempt.SelfTimed bounded = attempt.selfTimed();
            if (bounded != null) {
                int millis = Timeouts.millis("timeout", timeout);
                return OneAttempt.run(endpoint, address, timeout, listener, () -> bounded.connect(address, millis));
            }
        }
        // A literal under a deadline its attempt cannot keep runs as a race of one address (its own
        // answer, never the resolver's), so that the race keeps the deadline.
        FamilyLookup addresses = literal == null ? lookup
                : FamilyLookup.of((host, family) -> List.of(literal), (host, family) -> List.of(literal));
        return new HappyEyeballsRace(endpoint, addresses, literal == null ? services : ServiceLookup.NONE, attempt,
                settings, sorter, ticker, listener, timeout).run();
    }

    @Override
    public String toString() {
        return "HappyEyeballsConnector[" + scheme + ", " + settings + "]";
    }
}
