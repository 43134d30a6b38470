/**
 * Drop-in adapters for libraries that take a {@code javax.net.SocketFactory}:
 * {@link dev.shuttle.dropin.ShuttleSocketFactory} and {@link dev.shuttle.dropin.ShuttleSslSocketFactory}
 * give them Shuttle's resolver, happy eyeballs and TLS without code changes.
 *
 * <p>May import: the public API ({@code dev.shuttle}), {@code dev.shuttle.tls}, {@code internal.dropin},
 * {@code internal.tls}.
 */
package dev.shuttle.dropin;
