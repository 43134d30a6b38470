package dev.shuttle.internal.jfr;

import static dev.shuttle.internal.jfr.RecordedEvents.stopAndRead;
import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.ConnectListener;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Endpoint;
import dev.shuttle.Server;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.SilentPort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** A connect by name leaves DNS and attempt events in a flight recording. */
@NetworkTest
class FlightRecorderEventsTest {

    @Test
    void aConnectByNameRecordsItsLookupsAndAttempts() throws Exception {
        Path file = Files.createTempFile("shuttle", ".jfr");
        try (Server server = Server.listen("tcp://127.0.0.1:0"); Recording recording = new Recording()) {
            recording.enable("dev.shuttle.DnsLookup");
            recording.enable("dev.shuttle.ConnectAttempt");
            recording.start();
            Thread accepting = Thread.ofVirtual().start(() -> {
                try (Connection ignored = server.accept()) {
                    // accepted and closed
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            String uri = "tcp://localhost:" + server.address().port();
            try (Connection connection = Connector.create().connect(uri)) {
                assertEquals("127.0.0.1", connection.remoteAddress().host());
            }
            Bounded.join(accepting);
            recording.stop();
            recording.dump(file);
            List<RecordedEvent> events = RecordingFile.readAllEvents(file);
            List<String> lookups = events.stream().filter(e -> e.getEventType().getName().equals("dev.shuttle.DnsLookup"))
                    .map(e -> e.getString("family") + " " + e.getString("addresses")).sorted().toList();
            assertEquals(List.of("A 127.0.0.1", "AAAA 0:0:0:0:0:0:0:1"), lookups);
            List<String> attempts = events.stream().filter(e -> e.getEventType().getName().equals("dev.shuttle.ConnectAttempt"))
                    .map(e -> e.getString("address") + " " + e.getString("outcome")).toList();
            assertTrue(attempts.contains("127.0.0.1 port " + server.address().port() + " connected"), attempts.toString());
            assertTrue(events.stream().filter(e -> e.getEventType().getName().startsWith("dev.shuttle."))
                    .allMatch(e -> e.getString("uri").equals(uri)));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void anAttemptThatWaitsAndIsFinishedByItsOwnThreadIsRecorded() throws Exception {
        Path file = Files.createTempFile("shuttle", ".jfr");
        try (SilentPort silent = SilentPort.on(InetAddress.ofLiteral("127.0.0.1")); Recording recording = new Recording()) {
            recording.enable("dev.shuttle.ConnectAttempt");
            recording.start();
            int port = silent.address().getPort();
            // Once the IPv4 attempt waits on the full queue, make room: its SYN sent again gets in.
            CompletableFuture<Void> waiting = new CompletableFuture<>();
            ConnectListener listener = new ConnectListener() {
                @Override
                public void attemptStarted(Endpoint endpoint, InetSocketAddress address) {
                    if (address.getAddress().getHostAddress().equals("127.0.0.1")) {
                        waiting.complete(null);
                    }
                }
            };
            Thread making = Thread.ofVirtual().start(() -> {
                try (Socket ignored = waiting.thenApply(v -> silent).get().acceptOne()) {
                    // one queued connection accepted and closed
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Connector connector = Connector.create(ConnectorOptions.builder().listener(listener).build());
            try (Connection connection = connector.connect("tcp://localhost:" + port)) {
                assertEquals("127.0.0.1", connection.remoteAddress().host());
            }
            Bounded.join(making);
            List<String> attempts = stopAndRead(recording, file, "dev.shuttle.ConnectAttempt").stream()
                    .map(e -> e.getString("address") + " " + e.getString("outcome")).toList();
            assertTrue(attempts.contains("127.0.0.1 port " + port + " connected"), attempts.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void eachConnectionAServerAcceptsIsRecorded() throws Exception {
        Path file = Files.createTempFile("shuttle", ".jfr");
        try (Server server = Server.listen("tcp://127.0.0.1:0"); Recording recording = new Recording()) {
            recording.enable("dev.shuttle.Accept");
            recording.start();
            java.util.concurrent.CountDownLatch served = new java.util.concurrent.CountDownLatch(1);
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> served.countDown());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            String client;
            try (Connection connection = Connector.tcp().connect(server.address().toString())) {
                client = connection.localAddress().toString();
                assertTrue(served.await(10, java.util.concurrent.TimeUnit.SECONDS));
            }
            server.close();
            Bounded.join(serving);
            List<String> accepts = stopAndRead(recording, file, "dev.shuttle.Accept").stream()
                    .map(e -> e.getString("server") + " <- " + e.getString("client")).toList();
            assertEquals(List.of(server.address() + " <- " + client), accepts);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
