package dev.shuttle.internal.jfr;

import static dev.shuttle.internal.jfr.RecordedEvents.countByReason;
import static dev.shuttle.internal.jfr.RecordedEvents.stopAndRead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Endpoint;
import dev.shuttle.Resolver;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.udp.DatagramTooLargeException;
import dev.shuttle.udp.UdpOptions;
import dev.shuttle.udp.UdpServer;
import dev.shuttle.udp.UdpSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * UDP's failures leave the same JFR events as TCP's: a socket that cannot be connected, or whose
 * peer's host refuses its datagrams (ICMP port unreachable, UDP's "connection refused"), records
 * {@code dev.shuttle.ConnectFailure}; a failure a UDP server reports to its error handler records
 * {@code dev.shuttle.ClientFailure}, one per report.
 */
@NetworkTest
class UdpFailureEventsTest {


    @Test
    void aUdpSocketThatCannotConnectOrIsRefusedIsRecordedAsAFailedConnect() throws Exception {
        Resolver nothing = new Resolver() {
            @Override
            public List<InetAddress> lookup(String host, StandardProtocolFamily family) {
                return List.of();
            }
        };
        Path file = Files.createTempFile("shuttle", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.shuttle.ConnectFailure");
            recording.start();
            assertThrows(UnknownHostException.class,
                    () -> UdpSocket.connect("udp://service.test:53", UdpOptions.builder().resolver(nothing).build()));
            Endpoint gone;
            try (UdpServer server = UdpServer.listen("udp://127.0.0.1:0")) {
                gone = server.address();
            }
            try (UdpSocket socket = UdpSocket.connect(gone.toString(), UdpOptions.builder().receiveTimeout(Duration.ofSeconds(10)).build())) {
                socket.send(new byte[] {1});
                assertThrows(PortUnreachableException.class, () -> {
                    socket.receive();
                    socket.send(new byte[] {1});
                });
            }
            List<RecordedEvent> failures = stopAndRead(recording, file, "dev.shuttle.ConnectFailure");
            assertEquals(Map.of("REFUSED", 1L, "UNKNOWN_HOST", 1L), countByReason(failures), failures::toString);
            Map<String, String> uriByReason = failures.stream()
                    .collect(Collectors.toMap(e -> e.getString("reason"), e -> e.getString("uri")));
            assertEquals(Map.of("UNKNOWN_HOST", "udp://service.test:53", "REFUSED", gone.toString()), uriByReason);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void everyFailureAUdpServerReportsIsRecordedWithItsReason() throws Exception {
        Path file = Files.createTempFile("shuttle", ".jfr");
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        UdpOptions options = UdpOptions.builder().maxDatagramSize(10).errorHandler(reported::add).build();
        try (Recording recording = new Recording(); UdpServer server = UdpServer.listen("udp://127.0.0.1:0", options)) {
            recording.enable("dev.shuttle.ClientFailure");
            recording.start();
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve((datagram, udp) -> {
                        throw new IllegalStateException("a handler's bug");
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try (UdpSocket socket = UdpSocket.connect(server.address().toString())) {
                // Datagrams may be lost, even on loopback: send again until each kind was reported.
                Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                    socket.send(new byte[11]);
                    socket.send(new byte[] {1});
                    return reported.stream().anyMatch(DatagramTooLargeException.class::isInstance)
                            && reported.stream().anyMatch(IllegalStateException.class::isInstance);
                });
            }
            server.close();
            assertTrue(serving.join(Duration.ofSeconds(10)), "serve() did not return");
            List<RecordedEvent> failures = stopAndRead(recording, file, "dev.shuttle.ClientFailure");
            Map<String, Long> expected = reported.stream().collect(Collectors.groupingBy(
                    e -> e instanceof DatagramTooLargeException ? "TOO_LARGE" : "OTHER", TreeMap::new, Collectors.counting()));
            assertEquals(expected, countByReason(failures), failures::toString);
            assertTrue(failures.stream().allMatch(e -> e.getString("server").equals(server.address().toString())), failures::toString);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
