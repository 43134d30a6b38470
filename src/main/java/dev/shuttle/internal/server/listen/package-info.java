/**
 * Bound listening sockets, one per transport (TCP, TLS over TCP, Unix, the inherited socket):
 * they only accept and close.
 *
 * <p>May import: the public API ({@code dev.shuttle}), {@code internal.io}, {@code internal.tcp},
 * {@code internal.unix}.
 */
package dev.shuttle.internal.server.listen;
