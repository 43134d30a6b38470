package dev.shuttle.internal.udp;

import dev.shuttle.udp.DatagramTooLargeException;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.internal.io.Timeouts;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Receives whole datagrams from a channel, exactly sized, with a timeout.
 *
 * <p>The channel's socket adaptor gives the timed receive that a blocking {@code DatagramChannel}
 * lacks, and parks a virtual thread instead of blocking its carrier. The datagram lands in one
 * buffer per socket, one byte larger than the limit: a datagram that fills it was larger than the
 * limit (the kernel cut it), and is refused instead of handed on short. The buffer is allocated at
 * the first receive, so a socket that only sends has none. Receivers take turns on a lock; one
 * waiting for its turn still times out.
 */
final class DatagramReceiver {
    /** A datagram and its sender. */
    record Received(byte[] payload, InetSocketAddress sender) {}

    private final DatagramSocket socket;
    private final int maxDatagramSize;
    private final ReentrantLock lock = new ReentrantLock();
    private byte[] buffer;
    private DatagramPacket packet;
    private volatile Duration timeout = Duration.ZERO;

    DatagramReceiver(DatagramChannel channel, int maxDatagramSize) {
        this.socket = channel.socket();
        this.maxDatagramSize = maxDatagramSize;
    }

    /**
     * Sets the receive timeout; zero waits for ever.
     *
     * @throws NullPointerException if the timeout is null
     * @throws IllegalArgumentException if it is negative
     * @throws IOException if the socket refuses it (closed)
     */
    void timeout(Duration value) throws IOException {
        java.util.Objects.requireNonNull(value, "timeout");
        // Saturates: Duration.ofSeconds(Long.MAX_VALUE), "for ever", waits as long as SO_TIMEOUT can.
        socket.setSoTimeout(Timeouts.millis("receive timeout", value));
        this.timeout = value;
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * Waits for the next datagram.
     *
     * @param from names the socket for a too-large message, such as {@code "udp://127.0.0.1:5300"}
     * @return the datagram, its payload exactly its size
     * @throws InterruptedException if interrupted while another receiver had its turn
     * @throws SocketTimeoutException if the timeout passed, waiting for the turn included
     * @throws DatagramTooLargeException if the datagram exceeded the limit; it is consumed
     * @throws IOException whatever the channel threw, untranslated
     */
    Received receive(String from) throws IOException, InterruptedException {
        Duration wait = timeout;
        if (wait.isZero()) {
            lock.lockInterruptibly();
        } else if (!lock.tryLock(Timeouts.nanos(wait), TimeUnit.NANOSECONDS)) {
            throw new SocketTimeoutException("Receive timed out after " + Timeouts.millis("receive timeout", wait)
                    + " ms waiting for another receiver");
        }
        try {
            if (buffer == null) {
                buffer = new byte[maxDatagramSize + 1];
                packet = new DatagramPacket(buffer, buffer.length);
            }
            packet.setData(buffer, 0, buffer.length);
            socket.receive(packet);
            int length = packet.getLength();
            if (length > maxDatagramSize) {
                Endpoint sender = Endpoint.of(Scheme.UDP, (InetSocketAddress) packet.getSocketAddress());
                throw new DatagramTooLargeException("A datagram from " + sender + " to " + from
                        + " was larger than the maximum datagram size of " + maxDatagramSize + " bytes; it was dropped",
                        maxDatagramSize);
            }
            return new Received(Arrays.copyOf(buffer, length), (InetSocketAddress) packet.getSocketAddress());
        } finally {
            lock.unlock();
        }
    }
}
