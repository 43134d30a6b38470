package dev.shuttle.internal.concurrent;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Opens {@link TaskScope}s, choosing the implementation once: JDK 25's preview
 * {@code StructuredTaskScope} when its classes load, plain virtual threads otherwise. The system
 * property {@code shuttle.scope} forces one: {@code structured} or {@code virtual}
 * ({@code auto}, the default, chooses).
 */
public final class TaskScopes {
    private static final System.Logger LOG = System.getLogger("dev.shuttle.scope");
    private static final TaskScopeFactory FACTORY = choose(System.getProperty("shuttle.scope", "auto"));

    private TaskScopes() {}

    /**
     * Opens a scope owned by the calling thread, with no deadline.
     *
     * @param name names the scope and its threads
     * @return the scope, to be closed by the caller
     */
    public static TaskScope open(String name) {
        return FACTORY.open(name, null);
    }

    /**
     * Opens a scope owned by the calling thread whose {@link TaskScope#join()} times out.
     *
     * @param name names the scope and its threads
     * @param timeout the deadline, from now
     * @return the scope, to be closed by the caller
     */
    public static TaskScope open(String name, Duration timeout) {
        return FACTORY.open(name, timeout);
    }

    /** {@return {@code "structured"} or {@code "virtual"}: which implementation is in use} */
    public static String kind() {
        return FACTORY.kind();
    }

    private static TaskScopeFactory choose(String wanted) {
        return switch (wanted) {
            case "virtual" -> VirtualThreadScope.factory();
            case "structured" -> structured();
            case "auto" -> {
                try {
                    yield structured();
                } catch (LinkageError | RuntimeException e) {
                    LOG.log(Level.DEBUG, "StructuredTaskScope unavailable, using plain virtual threads: " + e);
                    yield VirtualThreadScope.factory();
                }
            }
            default -> throw new IllegalArgumentException(
                    "system property shuttle.scope is '" + wanted + "'; expected auto, structured or virtual");
        };
    }

    private static TaskScopeFactory structured() {
        try {
            Class<?> type = Class.forName("dev.shuttle.internal.concurrent.StructuredScopeFactory");
            TaskScopeFactory factory = (TaskScopeFactory) type.getDeclaredConstructor().newInstance();
            try (TaskScope probe = factory.open("shuttle-probe", null)) {
                probe.join();
            }
            return factory;
        } catch (ReflectiveOperationException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("StructuredTaskScope cannot be used: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing StructuredTaskScope", e);
        }
    }
}
