package dev.shuttle.internal.concurrent;

import java.time.Duration;

/** Opens {@link TaskScope}s of one implementation. */
interface TaskScopeFactory {
    /**
     * Opens a scope owned by the calling thread.
     *
     * @param name the name of the scope and prefix of its threads' names
     * @param timeout the deadline after which {@link TaskScope#join()} times out, or {@code null}
     */
    TaskScope open(String name, Duration timeout);

    /** {@return a short name of the implementation, for diagnostics} */
    String kind();
}
