/**
 * Unix domain stream sockets: the connector and the connection over a socket channel, with
 * timed reads.
 *
 * <p>May import: the public API ({@code dev.shuttle}), {@code internal.concurrent},
 * {@code internal.io}, {@code internal.jfr}, {@code internal.uri}.
 */
package dev.shuttle.internal.unix;
