package dev.shuttle.internal.pool;

import java.util.concurrent.locks.Condition;

/**
 * A connect waiting, in line, for its endpoint to have room. Whoever frees room grants it to the
 * first waiter, under the pool's lock: an idle connection, or a slot to open a new one. Granting
 * straight to the waiter, instead of waking it to compete, is what makes the line fair.
 */
final class Waiter {
    final Condition granted;
    boolean hasGrant;
    /** The granted connection; {@code null} with {@link #hasGrant} means a slot to open a new one. */
    IdleConnection grant;

    Waiter(Condition granted) {
        this.granted = granted;
    }

    void grant(IdleConnection connection) {
        hasGrant = true;
        grant = connection;
        granted.signal();
    }
}
