/**
 * Connection limits ({@link dev.shuttle.ConnectionLimit}): the slots, the listed open connections,
 * and the admission a server's accept loop asks before each accept and each accepted connection.
 *
 * <p>May import: the public API ({@code dev.shuttle}), {@code internal.io}.
 */
package dev.shuttle.internal.server.admit;
