/**
 * Connection limits behind {@link dev.shuttle.LimitingServer}: the slots, the listed open
 * connections, and the admission a serving server's accept loop applies.
 *
 * <p>May import: the public API ({@code dev.shuttle}), {@code internal.io},
 * {@code internal.server.serve}.
 */
package dev.shuttle.internal.server.admit;
