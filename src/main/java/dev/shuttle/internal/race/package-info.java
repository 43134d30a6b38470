/**
 * Happy Eyeballs (RFC 8305): the race of connection attempts over a name's addresses, with
 * resolution delay, family interleaving and staggered attempts, and its settings and clock; with
 * service records (Happy Eyeballs v3), over the endpoints of a name's HTTPS or SVCB records too.
 *
 * <p>May import: the public API ({@code dev.shuttle}), {@code internal.address},
 * {@code internal.combinator} (the selective connector's check of resolved addresses),
 * {@code internal.concurrent}, {@code internal.io}.
 */
package dev.shuttle.internal.race;
