package dev.shuttle.internal.udp;

import dev.shuttle.Endpoint;
import dev.shuttle.internal.io.ConnectFailures;
import dev.shuttle.udp.DatagramTooLargeException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;

/**
 * Turns what the JDK throws from a datagram channel into exceptions of the standard types whose
 * messages name the socket: an interrupt, a closed socket, ICMP port unreachable, a timeout.
 */
final class UdpFailures {
    private UdpFailures() {}

    /**
     * Translates a failure.
     *
     * @param e what the JDK threw
     * @param action what was being done, such as {@code "Receiving on udp://127.0.0.1:5300"}
     * @param socket the socket's address for "is closed" messages
     * @param peer the connected peer, or {@code null} for an unconnected socket
     * @param closed whether the socket is closed now
     * @return the exception to throw
     */
    static IOException of(IOException e, String action, Endpoint socket, Endpoint peer, boolean closed) {
        IOException translated;
        if (e instanceof ClosedByInterruptException
                || (Thread.currentThread().isInterrupted() && closed && !(e instanceof SocketTimeoutException))) {
            translated = new InterruptedIOException(action + " was interrupted; the socket is closed");
        } else if (e instanceof PortUnreachableException) {
            translated = new PortUnreachableException(peer + " is unreachable: its host answered a datagram with "
                    + "ICMP port unreachable (nothing listens on that port)");
        } else if (e instanceof SocketTimeoutException) {
            return e;
        } else if (closed || e instanceof ClosedChannelException) {
            translated = new SocketException(action + " failed: UDP socket " + socket + " is closed");
        } else {
            translated = ConnectFailures.ofSameType(e, action + " failed: " + ConnectFailures.reason(e));
        }
        translated.initCause(e);
        return translated;
    }

    /**
     * {@return the reason a UDP server's failure is counted by in its JFR
     * {@code dev.shuttle.ClientFailure} event}: {@code TOO_LARGE} for a datagram larger than the
     * maximum, {@code TIMEOUT}, or {@code OTHER} (a handler's exception, a failed receive)
     *
     * @param error what the server reported to its error handler
     */
    static String reason(Throwable error) {
        return switch (error) {
            case DatagramTooLargeException e -> "TOO_LARGE";
            case SocketTimeoutException e -> "TIMEOUT";
            default -> "OTHER";
        };
    }

    /** {@return the exception for an interrupt seen before any I/O; the socket has been closed} */
    static InterruptedIOException interrupted(String action, InterruptedException cause) {
        InterruptedIOException interrupted = new InterruptedIOException(action + " was interrupted; the socket is closed");
        interrupted.initCause(cause);
        return interrupted;
    }
}
