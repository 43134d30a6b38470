/**
 * JDK Flight Recorder events for lookups, connection attempts, TLS handshakes and accepts,
 * which cost nothing when no recording runs.
 *
 * <p>May import: the public API ({@code dev.shuttle}).
 */
package dev.shuttle.internal.jfr;
