/**
 * The resolvers behind {@link dev.shuttle.Resolver}: the DNS resolver on dnsjava (a
 * {@code LookupSession} with its record cache, fronted by a small cache of answers per host and
 * family), the JDK's resolver, and the rules they share (IP literals, {@code localhost}, input
 * checks, asking both families at once).
 *
 * <p>May import: the public API ({@code dev.shuttle}), {@code internal.concurrent}, {@code internal.io},
 * {@code internal.spi} (to warn when another resolver provider shadows it), {@code internal.uri}.
 */
package dev.shuttle.internal.dns;
