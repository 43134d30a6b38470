package dev.shuttle.internal.tls;

import dev.shuttle.internal.jfr.HandshakeRecording;
import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLSocket;

/**
 * Runs {@link SSLSocket#startHandshake()} within a deadline, translating failures. At the deadline
 * the plain socket underneath is closed, not the {@code SSLSocket}: BouncyCastle's
 * {@code SSLSocket.close()} waits for the lock that the blocked handshake holds.
 */
public final class SocketHandshake {
    private SocketHandshake() {}

    public static void run(SSLSocket socket, java.net.Socket plain, Duration timeout, HandshakeFailures.Attempt attempt)
            throws IOException {
        HandshakeRecording recording = HandshakeRecording.start(attempt.client(), attempt.peer());
        HandshakeDeadline deadline = HandshakeDeadline.start(timeout, plain);
        try {
            socket.startHandshake();
        } catch (IOException | RuntimeException e) {
            deadline.close();
            throw failed(recording, HandshakeFailures.translate(attempt, e, deadline));
        }
        if (!deadline.finish()) {
            throw failed(recording,
                    HandshakeFailures.translate(attempt, new java.net.SocketTimeoutException("handshake deadline"), deadline));
        }
        recording.succeeded(socket.getSession(), socket.getApplicationProtocol());
    }

    public static IOException failed(HandshakeRecording recording, IOException failure) {
        recording.failed(failure);
        return failure;
    }
}
