package dev.shuttle.internal.tls;

import dev.shuttle.internal.jfr.HandshakeRecording;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLEngine;

/**
 * Runs an {@link EngineIo}'s handshake within a deadline, records it (JFR) and translates its
 * failure into words ({@link HandshakeFailures}): the one handshake of every TLS connection and
 * drop-in {@code SSLSocket} Shuttle makes. At the deadline the transport is closed, which fails the
 * blocked handshake at once; on any other failure closing is the caller's choice.
 */
final class EngineHandshake {
    private EngineHandshake() {}

    /**
     * Runs the handshake.
     *
     * @param io the engine's loop, before any read or write
     * @param engine the engine, for the session negotiated
     * @param transport what the deadline closes
     * @param timeout the handshake timeout
     * @param attempt what is attempted, for the messages
     * @throws IOException translated by {@link HandshakeFailures}: a {@link SocketTimeoutException}
     *     at the deadline (the transport then closed), else an {@link javax.net.ssl.SSLHandshakeException}
     *     saying why, or an {@link java.io.InterruptedIOException}
     */
    static void run(EngineIo io, SSLEngine engine, AutoCloseable transport, Duration timeout, HandshakeFailures.Attempt attempt)
            throws IOException {
        HandshakeRecording recording = HandshakeRecording.start(attempt.client(), attempt.peer());
        HandshakeDeadline deadline = HandshakeDeadline.start(timeout, transport);
        try {
            io.handshake();
        } catch (IOException | RuntimeException e) {
            deadline.close();
            throw failed(recording, HandshakeFailures.translate(attempt, e, deadline));
        }
        if (!deadline.finish()) {
            throw failed(recording, HandshakeFailures.translate(attempt, new SocketTimeoutException("handshake deadline"), deadline));
        }
        recording.succeeded(engine.getSession(), engine.getApplicationProtocol());
    }

    private static IOException failed(HandshakeRecording recording, IOException failure) {
        recording.failed(failure);
        return failure;
    }
}
