package dev.shuttle.internal.jfr;

import static dev.shuttle.internal.jfr.RecordedEvents.countByReason;
import static dev.shuttle.internal.jfr.RecordedEvents.stopAndRead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.SilentPort;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Failures leave JFR events with a reason to count them by: connects that fail
 * ({@code dev.shuttle.ConnectFailure}, and the reason of each failed attempt) and clients a server
 * fails to serve ({@code dev.shuttle.ClientFailure}, as {@code Server.stats()} counts them).
 */
@NetworkTest
class FailureEventsTest {


    @Test
    void refusedAndTimedOutConnectsAreRecordedByReason() throws Exception {
        Path file = Files.createTempFile("shuttle", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.shuttle.ConnectFailure");
            recording.enable("dev.shuttle.ConnectAttempt");
            recording.start();
            int closedPort;
            try (Server server = Server.listen("tcp://127.0.0.1:0")) {
                closedPort = server.address().port();
            }
            assertThrows(ConnectException.class, () -> Connector.tcp().connect("tcp://127.0.0.1:" + closedPort));
            assertThrows(ConnectException.class, () -> Connector.create().connect("tcp://127.0.0.1:" + closedPort));
            try (SilentPort silent = SilentPort.on(InetAddress.ofLiteral("127.0.0.1"))) {
                Connector impatient = Connector.create(ConnectorOptions.builder().connectTimeout(Duration.ofMillis(200)).build());
                assertThrows(SocketTimeoutException.class,
                        () -> impatient.connect("tcp://127.0.0.1:" + silent.address().getPort()));
            }
            List<RecordedEvent> failures = stopAndRead(recording, file, "dev.shuttle.ConnectFailure");
            assertEquals(Map.of("REFUSED", 2L, "TIMEOUT", 1L), countByReason(failures), failures::toString);
            assertTrue(failures.stream().allMatch(e -> e.getString("uri").startsWith("tcp://127.0.0.1:")
                    && e.getString("failure").startsWith("Connection to tcp://127.0.0.1:")), failures::toString);
            List<RecordedEvent> attempts = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("dev.shuttle.ConnectAttempt")
                            && "failed".equals(e.getString("outcome"))).toList();
            assertTrue(attempts.stream().anyMatch(e -> "REFUSED".equals(e.getString("reason"))), attempts::toString);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void clientsAServerFailsToServeAreRecordedByTheReasonItsStatsCount() throws Exception {
        Path file = Files.createTempFile("shuttle", ".jfr");
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        try (Recording recording = new Recording();
                Server server = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder().errorHandler(reported::add).build())) {
            recording.enable("dev.shuttle.ClientFailure");
            recording.start();
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> {
                        int first = connection.input().read();
                        if (first == 'b') {
                            throw new IllegalStateException("a handler's bug");
                        }
                        if (first == 't') {
                            connection.setReadTimeout(Duration.ofMillis(100));
                        }
                        connection.input().read(); // 'r': the client resets; 't': times out
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.address().port());
            try (Socket bug = new Socket(address.getAddress(), address.getPort());
                    Socket silent = new Socket(address.getAddress(), address.getPort())) {
                bug.getOutputStream().write('b');
                silent.getOutputStream().write('t');
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() == 2);
            }
            try (Socket resetting = new Socket(address.getAddress(), address.getPort())) {
                resetting.getOutputStream().write('r');
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.stats().active() == 1);
                resetting.setSoLinger(true, 0); // close sends a reset
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() == 3);
            server.close();
            assertTrue(serving.join(Duration.ofSeconds(10)));
            List<RecordedEvent> failures = stopAndRead(recording, file, "dev.shuttle.ClientFailure");
            assertEquals(Map.of("OTHER", 1L, "RESET", 1L, "TIMEOUT", 1L), countByReason(failures), failures::toString);
            assertEquals(server.stats().clientFailures().values().stream().mapToLong(Long::longValue).sum() + server.stats().otherFailures(),
                    failures.size(), "the events and the stats count the same failures");
            assertTrue(failures.stream().allMatch(e -> e.getString("server").equals(server.address().toString())));
        } finally {
            Files.deleteIfExists(file);
        }
    }
    @Test
    void aConnectionTheIdleTimeoutClosesBetweenReadableCallsIsRecordedAsATimeout() throws Exception {
        Path file = Files.createTempFile("shuttle", ".jfr");
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        ServerOptions options = ServerOptions.builder().idleTimeout(Duration.ofMillis(200)).errorHandler(reported::add).build();
        try (Recording recording = new Recording(); Server server = Server.listen("tcp://127.0.0.1:0", options)) {
            recording.enable("dev.shuttle.ClientFailure");
            recording.start();
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serveWhenReadable(connection -> {
                        connection.output().write(connection.input().read()); // one byte back, then wait for more
                        return true;
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try (Socket client = new Socket("127.0.0.1", server.address().port())) {
                client.setSoTimeout(10_000);
                client.getOutputStream().write('a');
                assertEquals('a', client.getInputStream().read());
                assertEquals(-1, client.getInputStream().read(), "the server closes the idle connection");
            }
            server.close();
            assertTrue(serving.join(Duration.ofSeconds(10)), "serve() did not return");
            List<RecordedEvent> failures = stopAndRead(recording, file, "dev.shuttle.ClientFailure");
            assertEquals(Map.of("TIMEOUT", 1L), countByReason(failures), failures::toString);
            assertTrue(failures.getFirst().getString("failure").endsWith("(the server's idle timeout)"), failures::toString);
            assertEquals(1, reported.size(), reported::toString);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
