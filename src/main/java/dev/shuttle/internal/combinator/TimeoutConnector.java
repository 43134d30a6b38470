package dev.shuttle.internal.combinator;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.internal.concurrent.FirstSuccess;
import dev.shuttle.internal.io.ConnectFailures;
import dev.shuttle.internal.io.Timeouts;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Timeout: gives the connector underneath a deadline and cancels (interrupts) its attempt when it
 * passes. A connection that completes at the deadline is closed, never leaked.
 *
 * <p>The attempt runs on a virtual thread of a task scope with the deadline; the calling thread
 * waits. On time-out the caller gets a {@link SocketTimeoutException} reading {@code Connection to
 * tcp://host:port timed out after 3.0 seconds}; an interrupt of the caller cancels the attempt and
 * throws an {@link java.io.InterruptedIOException} with the interrupt flag kept. An {@link Error}
 * from the connector underneath reaches the caller as it is, at once.
 */
public final class TimeoutConnector implements Connector {
    private final Connector inner;
    private final Duration timeout;

    /**
     * Creates the connector.
     *
     * @param inner the connector whose attempts get the deadline
     * @param timeout the longest a connect may take, positive
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    public TimeoutConnector(Connector inner, Duration timeout) {
        this.inner = Objects.requireNonNull(inner, "inner");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
    }

    @Override
    public Connection connect(Endpoint endpoint) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        FirstSuccess<Connection> attempt = FirstSuccess.open("shuttle-timeout " + endpoint, timeout);
        Optional<Connection> connection;
        try (attempt) {
            attempt.fork(() -> inner.connect(endpoint));
            connection = attempt.join();
        } catch (TimeoutException e) {
            // close() above has closed a connection that arrived at the deadline.
            SocketTimeoutException timedOut = Timeouts.connectTimedOut(endpoint, timeout);
            attempt.failures().forEach(timedOut::addSuppressed);
            throw timedOut;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectFailures.interrupted(endpoint, e);
        }
        if (connection.isPresent()) {
            return connection.get();
        }
        throw AttemptFailures.combine(endpoint, attempt.failures());
    }

    @Override
    public String toString() {
        return "Timeout(" + Timeouts.seconds(timeout) + ", " + inner + ")";
    }
}
