/**
 * The drop-in adapters behind {@link dev.shuttle.ShuttleSocketFactory} and
 * {@link dev.shuttle.ShuttleSslSocketFactory}: a {@link java.net.Socket} whose connect goes through
 * a Shuttle connector, and the state that socket keeps before and after it is connected.
 */
package dev.shuttle.internal.dropin;
