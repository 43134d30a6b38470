package dev.shuttle.internal.race;

import dev.shuttle.Connection;
import dev.shuttle.ConnectListener;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
        if (literal != null) {
            return connectOnce(endpoint, attempt, new InetSocketAddress(literal, endpoint.port()));
        }
        return new HappyEyeballsRace(endpoint, lookup, attempt, settings, sorter, ticker, listener).run();
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
        listener.attemptSucceeded(endpoint, address);
        return connection;
    }

    @Override
    public String toString() {
        return "HappyEyeballsConnector[" + scheme + ", " + settings + "]";
    }
}
