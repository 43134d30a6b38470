/**
 * TCP: the connector to an IP literal, socket options, a socket bound before it connects, and the
 * connection over a socket.
 *
 * <p>May import: the public API ({@code dev.shuttle}), {@code internal.io},
 * {@code internal.jfr}, {@code internal.uri}.
 */
package dev.shuttle.internal.tcp;
