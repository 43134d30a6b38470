package dev.shuttle.internal.combinator;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.internal.io.ConnectFailures;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Repeat: tries the connector underneath up to N times, one after the other, until one succeeds;
 * then fails with the last error, the earlier ones attached as suppressed.
 *
 * <p>An interrupt stops it at once, during a try or between two. Runtime exceptions (a bad URI, a
 * scheme the connector cannot handle) are not retried: the next try would fail the same way;
 * nor is an {@link Error}, which reaches the caller at once.
 */
public final class RepeatConnector implements Connector {
    private final Connector inner;
    private final int tries;

    /**
     * Creates the connector.
     *
     * @param inner the connector to try
     * @param tries how many tries in all, at least 1 (1 means no retry)
     * @throws IllegalArgumentException if {@code tries} is below 1
     */
    public RepeatConnector(Connector inner, int tries) {
        this.inner = Objects.requireNonNull(inner, "inner");
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, not " + tries);
        }
        this.tries = tries;
    }

    @Override
    public Connection connect(Endpoint endpoint) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        List<IOException> failures = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            if (Thread.currentThread().isInterrupted()) {
                throw withEarlier(ConnectFailures.interrupted(endpoint, null), failures);
            }
            try {
                return inner.connect(endpoint);
            } catch (IOException e) {
                if (isInterruption(e)) {
                    throw withEarlier(e, failures);
                }
                failures.add(e);
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            throw withEarlier(ConnectFailures.interrupted(endpoint, null), failures);
        }
        IOException last = failures.removeLast();
        throw withEarlier(last, failures);
    }

    private static boolean isInterruption(IOException e) {
        return e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException);
    }

    private static IOException withEarlier(IOException thrown, List<IOException> earlier) {
        for (IOException failure : earlier) {
            if (failure != thrown) {
                thrown.addSuppressed(failure);
            }
        }
        return thrown;
    }

    @Override
    public String toString() {
        return "Repeat(" + tries + ", " + inner + ")";
    }
}
