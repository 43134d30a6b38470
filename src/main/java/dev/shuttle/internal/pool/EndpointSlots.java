package dev.shuttle.internal.pool;

import dev.shuttle.ConnectListener;
import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.pool.ConnectionPool;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The connections of one endpoint: idle ones (newest first, so the oldest expire), a count of
 * those in use or being opened, and the waiting line. Guarded by the pool's lock.
 */
final class EndpointSlots {
    final ArrayDeque<IdleConnection> idle = new ArrayDeque<>();
    final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    int inUse;
    final Endpoint endpoint;

    EndpointSlots(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    int total() {
        return idle.size() + inUse;
    }

    boolean empty() {
        return idle.isEmpty() && waiters.isEmpty() && inUse == 0;
    }

    /**
     * Takes the newest idle connection that has not expired; every expired one of this endpoint
     * (not only those ahead of it) goes to {@code toClose}.
     *
     * @return the connection, or {@code null} if none is left
     */
    IdleConnection takeFresh(Expiry expiry, long now, Evictions toClose) {
        evict(expiry, now, toClose);
        return idle.pollFirst();
    }

    /** Moves every expired idle connection to {@code toClose}. */
    void evict(Expiry expiry, long now, Evictions toClose) {
        for (Iterator<IdleConnection> it = idle.iterator(); it.hasNext(); ) {
            IdleConnection candidate = it.next();
            if (expiry.expired(candidate, now)) {
                it.remove();
                toClose.evict(candidate.connection(), endpoint, ConnectListener.Eviction.EXPIRED);
            }
        }
    }

    ConnectionPool.Stats stats() {
        return new ConnectionPool.Stats(idle.size(), inUse, waiters.size());
    }
}
