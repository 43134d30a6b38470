/**
 * The connection pool behind {@link dev.shuttle.pool.ConnectionPool}: per-endpoint slots of idle and
 * borrowed connections, fair waiters, and the connection wrapper that gives itself back.
 *
 * <p>May import: {@code dev.shuttle.pool}, the public API ({@code dev.shuttle}), {@code internal.io}, {@code internal.race} (the listener boundary), {@code internal.uri}.
 */
package dev.shuttle.internal.pool;
