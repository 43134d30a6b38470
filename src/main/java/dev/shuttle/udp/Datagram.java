package dev.shuttle.udp;

import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import java.util.Arrays;
import java.util.Objects;

/**
 * One datagram received by a {@link UdpServer}: its payload, exactly as sent, and its sender.
 *
 * <p>Immutable as far as this class goes: {@link #payload()} returns the array itself, not a copy,
 * and nothing else holds it. Two datagrams are equal when their senders and payloads are.
 */
public final class Datagram {
    private final Endpoint sender;
    private final byte[] payload;

    private Datagram(Endpoint sender, byte[] payload) {
        this.sender = sender;
        this.payload = payload;
    }

    /**
     * Makes a datagram; useful to test a {@link DatagramHandler}.
     *
     * @param sender the sender, a {@code udp://} endpoint
     * @param payload the payload, kept as it is (not copied)
     * @return the datagram
     * @throws IllegalArgumentException if the sender is not {@code udp://}
     */
    public static Datagram of(Endpoint sender, byte[] payload) {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(payload, "payload");
        if (sender.scheme() != Scheme.UDP) {
            throw new IllegalArgumentException("a datagram's sender must be a udp:// endpoint, not " + sender);
        }
        return new Datagram(sender, payload);
    }

    /** {@return who sent it, such as {@code udp://127.0.0.1:40512}: always an IP address} */
    public Endpoint sender() {
        return sender;
    }

    /** {@return the payload, an array of exactly the datagram's size; empty for an empty datagram} */
    public byte[] payload() {
        return payload;
    }

    /** {@return the payload's size in bytes} */
    public int length() {
        return payload.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Datagram datagram && datagram.sender.equals(sender) && Arrays.equals(datagram.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * sender.hashCode() + Arrays.hashCode(payload);
    }

    /** {@return such as {@code Datagram[12 bytes from udp://127.0.0.1:40512]}} */
    @Override
    public String toString() {
        return "Datagram[" + payload.length + " bytes from " + sender + "]";
    }
}
