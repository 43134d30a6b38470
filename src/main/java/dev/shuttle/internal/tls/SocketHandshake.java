package dev.shuttle.internal.tls;

import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLSocket;

/** Runs {@link SSLSocket#startHandshake()} within a deadline, translating failures. */
final class SocketHandshake {
    private SocketHandshake() {}

    static void run(SSLSocket socket, Duration timeout, HandshakeFailures.Attempt attempt) throws IOException {
        HandshakeDeadline deadline = HandshakeDeadline.start(timeout, socket);
        try {
            socket.startHandshake();
        } catch (IOException | RuntimeException e) {
            deadline.close();
            throw HandshakeFailures.translate(attempt, e, deadline);
        }
        if (!deadline.finish()) {
            throw HandshakeFailures.translate(attempt, new java.net.SocketTimeoutException("handshake deadline"), deadline);
        }
    }
}
