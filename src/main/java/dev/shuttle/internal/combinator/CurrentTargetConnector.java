package dev.shuttle.internal.combinator;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.SwappableConnector;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Swappable: connects through a target that can be replaced at run time, from any thread.
 * Each connect reads the target once; connects already running keep the target they started with.
 */
public final class CurrentTargetConnector implements SwappableConnector {
    private final AtomicReference<Connector> target;

    /**
     * Creates the connector.
     *
     * @param initial the first target
     */
    public CurrentTargetConnector(Connector initial) {
        this.target = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    @Override
    public Connection connect(Endpoint endpoint) throws IOException {
        return target.get().connect(endpoint);
    }

    @Override
    public Connector swap(Connector next) {
        return target.getAndSet(Objects.requireNonNull(next, "next"));
    }

    @Override
    public Connector target() {
        return target.get();
    }

    @Override
    public String toString() {
        return "Swappable(" + target.get() + ")";
    }
}
