package dev.shuttle.internal.pool;

import dev.shuttle.Connection;

/**
 * A connection waiting in the pool, or handed from a give-back straight to a waiting caller.
 *
 * @param connection the open connection underneath
 * @param openedAt when it was opened, on the pool's clock (nanoseconds)
 * @param idleSince when it was given back, on the pool's clock
 */
record IdleConnection(Connection connection, long openedAt, long idleSince) {}
