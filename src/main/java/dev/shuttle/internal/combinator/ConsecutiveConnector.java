package dev.shuttle.internal.combinator;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.internal.io.ConnectFailures;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Consecutive (and Random): tries its connectors one after the other, in the given order or in a
 * fresh random order per call, until one succeeds.
 *
 * <p>When every one fails, throws the most telling failure with every attempt's failure suppressed
 * (see {@link AttemptFailures}). A connector that throws a runtime exception (it cannot handle the
 * scheme, say) counts as failed and the next one is tried; an {@link Error} does not, and reaches
 * the caller at once. An interrupt stops it at once.
 */
public final class ConsecutiveConnector implements Connector {
    private final List<Connector> connectors;
    private final RandomGenerator random;

    private ConsecutiveConnector(List<? extends Connector> connectors, RandomGenerator random) {
        this.connectors = List.copyOf(connectors);
        if (this.connectors.isEmpty()) {
            throw new IllegalArgumentException("at least one connector is needed");
        }
        this.random = random;
    }

    /**
     * Tries the connectors in the order given.
     *
     * @param connectors at least one
     * @return the connector
     * @throws IllegalArgumentException if the list is empty
     */
    public static ConsecutiveConnector inOrder(List<? extends Connector> connectors) {
        return new ConsecutiveConnector(connectors, null);
    }

    /**
     * Tries the connectors in a fresh random order on every connect.
     *
     * @param connectors at least one
     * @param random the source of the orders
     * @return the connector
     * @throws IllegalArgumentException if the list is empty
     */
    public static ConsecutiveConnector shuffled(List<? extends Connector> connectors, RandomGenerator random) {
        return new ConsecutiveConnector(connectors, Objects.requireNonNull(random, "random"));
    }

    @Override
    public Connection connect(Endpoint endpoint) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        List<Connector> order = connectors;
        if (random != null) {
            order = new ArrayList<>(connectors);
            Collections.shuffle(order, random);
        }
        List<Throwable> failures = new ArrayList<>();
        for (Connector connector : order) {
            if (Thread.currentThread().isInterrupted()) {
                throw suppressing(ConnectFailures.interrupted(endpoint, null), failures);
            }
            try {
                return connector.connect(endpoint);
            } catch (IOException | RuntimeException e) {
                if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
                    suppressing(e, failures);
                    throw e;
                }
                failures.add(e);
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            throw suppressing(ConnectFailures.interrupted(endpoint, null), failures);
        }
        throw AttemptFailures.combine(endpoint, failures);
    }

    private static <T extends Exception> T suppressing(T thrown, List<Throwable> earlier) {
        earlier.forEach(thrown::addSuppressed);
        return thrown;
    }

    /** {@return the connectors in their configured order} */
    public List<Connector> connectors() {
        return connectors;
    }

    @Override
    public String toString() {
        return (random == null ? "Consecutive" : "Random") + connectors;
    }
}
