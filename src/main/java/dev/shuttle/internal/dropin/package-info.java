/**
 * The drop-in adapters behind {@link dev.shuttle.dropin.ShuttleSocketFactory} and
 * {@link dev.shuttle.dropin.ShuttleSslSocketFactory}: a {@link java.net.Socket} whose connect goes through
 * a Shuttle connector, and the state that socket keeps before and after it is connected.
 *
 * <p>May import: {@code dev.shuttle.dropin}, the public API ({@code dev.shuttle}), {@code internal.concurrent}, {@code internal.connector},
 * {@code internal.io}, {@code internal.tcp}.
 */
package dev.shuttle.internal.dropin;
