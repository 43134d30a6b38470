/**
 * The connection pool behind {@link dev.shuttle.ConnectionPool}: per-endpoint slots of idle and
 * borrowed connections, fair waiters, and the connection wrapper that gives itself back.
 */
package dev.shuttle.internal.pool;
