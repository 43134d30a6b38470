package dev.shuttle.internal.combinator;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.internal.io.ConnectFailures;
import dev.shuttle.internal.io.Timeouts;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * Delay: waits for a fixed time, then connects through the connector underneath.
 * An interrupt during the wait ends it at once with an {@link java.io.InterruptedIOException}.
 */
public final class DelayConnector implements Connector {
    private final Connector inner;
    private final Duration delay;
    private final Sleeper sleeper;

    /**
     * Creates the connector.
     *
     * @param inner the connector to use after the delay
     * @param delay how long to wait first, zero or positive
     * @throws IllegalArgumentException if the delay is negative
     */
    public DelayConnector(Connector inner, Duration delay) {
        this(inner, delay, Sleeper.REAL);
    }

    /**
     * Creates the connector with a given way to wait (tests use one they control).
     *
     * @param inner the connector to use after the delay
     * @param delay how long to wait first, zero or positive
     * @param sleeper what waits
     * @throws IllegalArgumentException if the delay is negative
     */
    public DelayConnector(Connector inner, Duration delay, Sleeper sleeper) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must be zero or positive, not " + delay);
        }
        this.delay = delay;
    }

    @Override
    public Connection connect(Endpoint endpoint) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        try {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            if (!delay.isZero()) {
                sleeper.sleep(delay);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectFailures.interrupted(endpoint, e);
        }
        return inner.connect(endpoint);
    }

    @Override
    public String toString() {
        return "Delay(" + Timeouts.seconds(delay) + ", " + inner + ")";
    }
}
