package dev.shuttle.internal.combinator;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.internal.concurrent.FirstSuccess;
import dev.shuttle.internal.io.ConnectFailures;
import java.io.IOException;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Concurrent: starts every connector at once, each on a virtual thread of one task scope; the
 * first success wins, every other attempt is cancelled and any connection it made is closed.
 *
 * <p>When every one fails, throws the most telling failure with every attempt's failure suppressed
 * (see {@link AttemptFailures}). An interrupt of the caller cancels them all; so does an
 * {@link Error} from one of the connectors (user code), which {@code connect} then throws.
 */
public final class ConcurrentConnector implements Connector {
    private final List<Connector> connectors;

    /**
     * Creates the connector.
     *
     * @param connectors at least one
     * @throws IllegalArgumentException if the list is empty
     */
    public ConcurrentConnector(List<? extends Connector> connectors) {
        this.connectors = List.copyOf(connectors);
        if (this.connectors.isEmpty()) {
            throw new IllegalArgumentException("at least one connector is needed");
        }
    }

    @Override
    public Connection connect(Endpoint endpoint) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        FirstSuccess<Connection> race = FirstSuccess.open("shuttle-concurrent " + endpoint, null);
        Optional<Connection> winner;
        try (race) {
            for (Connector connector : connectors) {
                race.fork(() -> connector.connect(endpoint));
            }
            winner = race.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectFailures.interrupted(endpoint, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a race without a deadline timed out", e);
        }
        if (winner.isPresent()) {
            return winner.get();
        }
        throw AttemptFailures.combine(endpoint, race.failures());
    }

    @Override
    public String toString() {
        return "Concurrent" + connectors;
    }
}
