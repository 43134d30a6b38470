/**
 * Happy Eyeballs (RFC 8305): the race of connection attempts over a name's addresses, with
 * resolution delay, family interleaving and staggered attempts, and its settings and clock; with
 * service records (Happy Eyeballs v3), over the endpoints of a name's HTTPS or SVCB records too.
 * With {@code OneAddress}, the one address a protocol that cannot race (UDP) uses: the only two
 * places that decide how a target is reached.
 *
 * <p>May import: the public API ({@code dev.shuttle}), {@code internal.address},
 * {@code internal.combinator} (the selective connector's check of resolved addresses),
 * {@code internal.concurrent}, {@code internal.io}, {@code internal.uri} (what {@code localhost} means).
 */
package dev.shuttle.internal.race;
