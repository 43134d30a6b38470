/**
 * The drop-in adapters behind {@link dev.shuttle.dropin.ShuttleSocketFactory} and
 * {@link dev.shuttle.dropin.ShuttleSslSocketFactory}: a {@link java.net.Socket} whose connect goes through
 * a Shuttle connector, and the state that socket keeps before and after it is connected.
 *
 * <p>May import: {@code dev.shuttle.dropin}, the public API ({@code dev.shuttle}), {@code internal.concurrent}, {@code internal.connector},
 * {@code internal.io}, {@code internal.race} (a listener's calls made safe), {@code internal.tcp},
 * {@code internal.tls} (the handshake of a drop-in TLS socket, told to the listener).
 */
package dev.shuttle.internal.dropin;
