package dev.shuttle.internal.pool;

import dev.shuttle.ConnectListener;
import dev.shuttle.ConnectListener.Eviction;
import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The connections a pool closes once its lock is released, each with why, so that the listener
 * hears of every idle connection evicted (and of none closed for another reason, such as a
 * connection its user broke).
 */
final class Evictions {
    private record Closing(Connection connection, Endpoint endpoint, Eviction reason) {}

    private final List<Closing> closing = new ArrayList<>();

    /** Closes one without telling: it was not an idle connection evicted. */
    void add(Connection connection) {
        closing.add(new Closing(connection, null, null));
    }

    /** Closes one and tells the listener why. */
    void evict(Connection connection, Endpoint endpoint, Eviction reason) {
        closing.add(new Closing(connection, endpoint, reason));
    }

    /**
     * Closes them all, then tells the listener; an Error from it is thrown once all are closed.
     *
     * @param listener a listener whose RuntimeExceptions are already caught
     */
    void closeAll(ConnectListener listener) {
        for (Closing each : closing) {
            each.connection().close();
        }
        Error first = null;
        for (Closing each : closing) {
            if (each.reason() == null) {
                continue;
            }
            try {
                listener.poolConnectionEvicted(each.endpoint(), each.reason());
            } catch (Error e) {
                if (first == null) {
                    first = e;
                } else if (first != e) {
                    first.addSuppressed(e);
                }
            }
        }
        closing.clear();
        if (first != null) {
            throw first;
        }
    }
}
