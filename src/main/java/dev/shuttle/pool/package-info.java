/**
 * Pooled persistent connections: {@link dev.shuttle.pool.ConnectionPool} keeps several open
 * connections per {@code host:port} over any connector, shaped by {@link dev.shuttle.pool.PoolOptions}.
 *
 * <p>May import: the public API ({@code dev.shuttle}), {@code internal.pool}.
 */
package dev.shuttle.pool;
