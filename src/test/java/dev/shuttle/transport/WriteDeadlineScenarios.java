package dev.shuttle.transport;

import dev.shuttle.testing.Bounded;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.ConnectionHandler;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The write deadline ({@link Connection#setWriteTimeout}), written once and run over each
 * transport by a small subclass: a write to a peer that stops reading fails instead of blocking
 * for ever, and closes the connection; a peer that reads slowly but steadily does not trip it.
 */
@NetworkTest
abstract class WriteDeadlineScenarios extends ServerScenarios {
    private static final Duration TIMEOUT = Duration.ofMillis(200);

    private Server serve(ConnectionHandler handler) throws IOException {
        Server server = listen(serverOptions().errorHandler(e -> {}).build());
        serve(server, s -> s.serve(handler));
        return server;
    }

    /** A peer that accepts, then never reads. */
    private Server peerThatNeverReads() throws IOException {
        return serve(connection -> {
            try {
                Bounded.await(release);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void aWriteToAPeerThatNeverReadsFailsAfterTheTimeoutAndClosesTheConnection() throws Exception {
        Server server = peerThatNeverReads();
        Connection connection = closeAfter(connector().connect(server.address().toString()));
        connection.setWriteTimeout(TIMEOUT);
        assertEquals(TIMEOUT, connection.writeTimeout());
        byte[] chunk = new byte[1024 * 1024];
        SocketTimeoutException timedOut = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(SocketTimeoutException.class, () -> {
                    for (int i = 0; i < 64; i++) {
                        connection.output().write(chunk);
                    }
                }));
        assertEquals("Write to " + connection.remoteAddress() + " made no progress for 0.2 seconds", timedOut.getMessage());
        assertFalse(connection.isOpen(), "a half-written stream cannot be resumed: the connection must be closed");
        assertThrows(IOException.class, () -> connection.output().write(1));
    }

    @Test
    void aWriteInOneCallOfManyMegabytesFailsToo() throws Exception {
        Server server = peerThatNeverReads();
        Connection connection = closeAfter(connector().connect(server.address().toString()));
        connection.setWriteTimeout(TIMEOUT);
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(SocketTimeoutException.class, () -> connection.output().write(new byte[64 * 1024 * 1024])));
        assertFalse(connection.isOpen());
    }

    @Test
    void aPeerThatReadsSlowlyButSteadilyDoesNotTripTheDeadline() throws Exception {
        AtomicLong received = new AtomicLong();
        Server server = serve(connection -> {
            // 64 KiB a step, not one TLS record: a receiver that frees less than a segment (64 KiB
            // on loopback) leaves the sender on TCP's zero-window probes, 200 ms apart.
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = connection.input().readNBytes(buffer, 0, buffer.length)) > 0) {
                received.addAndGet(n);
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // pacing the reader, not synchronising
            }
        });
        int total = 16 * 1024 * 1024; // at 64 KiB per 5 ms or slower: longer than the write timeout in all
        try (Connection connection = connector().connect(server.address().toString())) {
            // Longer than TIMEOUT, so that a loaded machine's slower reader still makes progress within it.
            connection.setWriteTimeout(Duration.ofSeconds(1));
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> connection.output().write(new byte[total]));
            assertTrue(connection.isOpen());
            connection.output().write(new byte[64 * 1024]); // still usable
            await().atMost(Duration.ofSeconds(30)).until(() -> received.get() == total + 64 * 1024);
        }
    }

    @Test
    void withoutAWriteTimeoutAWriteBlocksUntilAnotherThreadClosesTheConnection() throws Exception {
        Server server = peerThatNeverReads();
        Connection connection = closeAfter(connector().connect(server.address().toString()));
        assertEquals(Duration.ZERO, connection.writeTimeout());
        AtomicReference<Object> outcome = new AtomicReference<>();
        AtomicLong written = new AtomicLong();
        Thread writer = Thread.ofVirtual().start(() -> {
            byte[] chunk = new byte[64 * 1024];
            try {
                while (true) {
                    connection.output().write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                outcome.set(e);
            }
        });
        // Blocked: nothing written for a while, far longer than the timeouts used above.
        await().atMost(Duration.ofSeconds(10)).until(() -> written.get() > 0 && isBlocked(writer));
        long blockedAt = written.get();
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> written.get() == blockedAt);
        assertTrue(connection.isOpen());
        connection.close();
        assertTrue(writer.join(Duration.ofSeconds(10)));
        IOException failure = assertInstanceOf(IOException.class, outcome.get());
        assertFalse(failure instanceof SocketTimeoutException, () -> "no timeout was set, yet " + failure);
    }

    private static boolean isBlocked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    @Test
    void theWriteTimeoutIsCheckedLikeTheReadTimeout() throws Exception {
        Server server = peerThatNeverReads();
        try (Connection connection = connector().connect(server.address().toString())) {
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                    () -> connection.setWriteTimeout(Duration.ofMillis(-1)));
            assertTrue(negative.getMessage().contains("writeTimeout"), negative::getMessage);
            assertThrows(NullPointerException.class, () -> connection.setWriteTimeout(null));
            connection.setWriteTimeout(ChronoUnit.FOREVER.getDuration());
            assertEquals(Duration.ZERO, connection.writeTimeout(), "for ever is no timeout");
            connection.setWriteTimeout(Duration.ofNanos(1));
            assertEquals(Duration.ofMillis(1), connection.writeTimeout());
            connection.setWriteTimeout(Duration.ZERO);
            assertEquals(Duration.ZERO, connection.writeTimeout());
            connection.close();
            assertThrows(IOException.class, () -> connection.setWriteTimeout(TIMEOUT));
        }
    }
}
