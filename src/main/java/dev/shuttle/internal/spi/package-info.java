/**
 * Shuttle's JDK resolver hook: a {@link java.net.spi.InetAddressResolverProvider} that answers
 * {@link java.net.InetAddress} lookups with Shuttle's DNS resolver when the application opts in
 * with {@code -Ddev.shuttle.resolver=enable}.
 *
 * <p>May import: the public API ({@code dev.shuttle}).
 */
package dev.shuttle.internal.spi;
