/**
 * UDP with exact datagram sizes: {@link dev.shuttle.udp.UdpSocket} (a connected client socket),
 * {@link dev.shuttle.udp.UdpServer} (serve each datagram with a {@link dev.shuttle.udp.DatagramHandler})
 * and {@link dev.shuttle.udp.UdpOptions}. A datagram larger than the configured maximum is an error
 * ({@link dev.shuttle.udp.DatagramTooLargeException}), never silently cut.
 *
 * <p>May import: the public API ({@code dev.shuttle}), {@code internal.udp}.
 */
package dev.shuttle.udp;
