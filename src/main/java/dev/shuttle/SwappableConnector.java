package dev.shuttle;

/**
 * A connector whose target can be replaced while it is in use: every {@link #connect} goes to the
 * current target. Thread-safe: {@link #swap} may run on any thread, at any time; a connect already
 * running keeps the target it started with.
 *
 * {@snippet :
 * SwappableConnector connector = Connectors.swappable(Connector.tcp());
 * connector.swap(Connectors.reject("maintenance until 02:00"));
 * }
 *
 * @see Connectors#swappable(Connector)
 */
public interface SwappableConnector extends Connector {

    /**
     * Makes later connects go to another connector.
     *
     * @param target the new target
     * @return the target it replaces
     */
    Connector swap(Connector target);

    /** {@return the current target} */
    Connector target();
}
