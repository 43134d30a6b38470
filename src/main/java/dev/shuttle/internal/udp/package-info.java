/**
 * UDP behind {@link dev.shuttle.udp.UdpSocket} and {@link dev.shuttle.udp.UdpServer}: datagram channels
 * on virtual threads, exact datagram sizes (checked before sending, truncation detected when
 * receiving), failures named by URI and recorded as JFR events, and a serve loop in a structured scope.
 *
 * <p>May import: {@code dev.shuttle.udp}, the public API ({@code dev.shuttle}), {@code internal.address}, {@code internal.concurrent},
 * {@code internal.io}, {@code internal.jfr}, {@code internal.race} (how a target is reached: {@code OneAddress}),
 * {@code internal.uri} (what {@code localhost} means).
 */
package dev.shuttle.internal.udp;
