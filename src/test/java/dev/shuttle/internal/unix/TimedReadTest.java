package dev.shuttle.internal.unix;

import dev.shuttle.testing.Bounded;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Server;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Read timeouts on Unix sockets, which have no SO_TIMEOUT, next to writes and closes. */
@NetworkTest
class TimedReadTest {
    private Path directory;
    private Server server;
    private Connection client;
    private Connection accepted;

    @BeforeEach
    void connect() throws IOException {
        directory = Files.createTempDirectory("shuttle-timed");
        server = Server.listen("unix://" + directory.resolve("s.sock"));
        client = Connector.unix().connect(server.address().toString());
        accepted = server.accept();
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        accepted.close();
        server.close();
        Files.deleteIfExists(directory.resolve("s.sock"));
        Files.delete(directory);
    }

    @Test
    void aReadTimeoutBeyondWhatASocketHoldsIsForEverNotTwentyFiveDays() throws Exception {
        for (Duration forEver : new Duration[] {Duration.ofSeconds(Long.MAX_VALUE), ChronoUnit.FOREVER.getDuration(),
                Duration.ofMillis(Integer.MAX_VALUE)}) {
            client.setReadTimeout(forEver);
            assertEquals(Duration.ZERO, client.readTimeout(), forEver.toString());
        }
        client.setReadTimeout(Duration.ofMillis(Integer.MAX_VALUE - 1L));
        assertEquals(Duration.ofMillis(Integer.MAX_VALUE - 1L), client.readTimeout());
    }

    @Test
    void aReadTimeoutHoldsWhileAWriteIsBlockedOnTheSameConnection() throws Exception {
        // The peer never reads, so a large write blocks; a timed read must still time out.
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                client.output().write(new byte[16 * 1024 * 1024]);
            } catch (IOException e) {
                // closed at the end of the test
            }
        });
        await().until(() -> writer.getState() == Thread.State.WAITING);
        client.setReadTimeout(Duration.ofMillis(200));
        long start = System.nanoTime();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                client.input().read();
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        assertTrue(reader.join(Duration.ofSeconds(10)), "the timed read waited for the blocked write");
        assertInstanceOf(SocketTimeoutException.class, outcome.get());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000);
        client.close();
        assertTrue(writer.join(Duration.ofSeconds(10)));
    }

    @Test
    void closingDuringATimedReadEndsItWithAnIoException() throws Exception {
        client.setReadTimeout(Duration.ofSeconds(30));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                client.input().read();
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        await().until(() -> reader.getState() == Thread.State.WAITING || reader.getState() == Thread.State.TIMED_WAITING);
        client.close();
        assertTrue(reader.join(Duration.ofSeconds(10)));
        assertInstanceOf(IOException.class, outcome.get());
    }

    @Test
    void bytesArrivingAfterATimeoutAreReadInOrder() throws Exception {
        client.setReadTimeout(Duration.ofMillis(50));
        org.junit.jupiter.api.Assertions.assertThrows(SocketTimeoutException.class, () -> client.input().read());
        byte[] sent = new byte[100_000];
        new java.util.Random(7).nextBytes(sent);
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                accepted.output().write(sent);
                accepted.shutdownOutput();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        client.setReadTimeout(Duration.ofSeconds(30));
        org.junit.jupiter.api.Assertions.assertArrayEquals(sent, client.input().readAllBytes());
        Bounded.join(writer);
    }
}
