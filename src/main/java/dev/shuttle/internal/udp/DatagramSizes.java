package dev.shuttle.internal.udp;

import dev.shuttle.Endpoint;
import dev.shuttle.udp.UdpOptions;
import java.net.Inet4Address;
import java.net.InetAddress;

/** How large a datagram may be, by the address family it goes to; checked before any I/O. */
final class DatagramSizes {
    private DatagramSizes() {}

    /** {@return the largest payload one UDP datagram to this address can carry} */
    static int largestPayload(InetAddress to) {
        return to instanceof Inet4Address ? UdpOptions.MAX_IPV4_PAYLOAD : UdpOptions.MAX_IPV6_PAYLOAD;
    }

    /**
     * Refuses a payload larger than one datagram to {@code to} can carry.
     *
     * @param to the receiver, for the message
     * @param address the receiver's IP address
     * @param length the payload's size
     * @throws IllegalArgumentException naming the size, the limit and the receiver
     */
    static void check(Endpoint to, InetAddress address, int length) {
        int largest = largestPayload(address);
        if (length > largest) {
            throw new IllegalArgumentException("A datagram of " + length + " bytes cannot be sent to " + to
                    + ": one UDP datagram over " + (address instanceof Inet4Address ? "IPv4" : "IPv6") + " carries at most "
                    + largest + " bytes");
        }
    }
}
