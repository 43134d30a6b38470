package dev.shuttle.udp;

import java.net.ProtocolException;

/**
 * A datagram arrived that was larger than {@link UdpOptions#maxDatagramSize()}. It has been
 * consumed whole (never handed on cut short); the socket stays usable.
 */
public final class DatagramTooLargeException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /** The limit the datagram exceeded. */
    private final int maxDatagramSize;

    /**
     * Creates the exception.
     *
     * @param message the message, naming the limit and the sender
     * @param maxDatagramSize the limit
     */
    public DatagramTooLargeException(String message, int maxDatagramSize) {
        super(message);
        this.maxDatagramSize = maxDatagramSize;
    }

    /** {@return the limit the datagram exceeded; the datagram had at least one byte more} */
    public int maxDatagramSize() {
        return maxDatagramSize;
    }
}
