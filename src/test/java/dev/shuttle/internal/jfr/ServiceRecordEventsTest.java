package dev.shuttle.internal.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.ConnectListener;
import dev.shuttle.Endpoint;
import dev.shuttle.ServiceEndpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** Happy Eyeballs v3 in a flight recording: the service answer, and the record each attempt came from. */
class ServiceRecordEventsTest {

    @Test
    void theServiceAnswerAndEachAttemptsServiceAreRecorded() throws Exception {
        Path file = Files.createTempFile("shuttle", ".jfr");
        Endpoint endpoint = Endpoint.parse("tls://example.com:443");
        ServiceEndpoint service = new ServiceEndpoint(1, "svc.example.net", OptionalInt.of(8443), List.of("h2"), true,
                List.of(InetAddress.ofLiteral("192.0.2.7")), null);
        try (Recording recording = new Recording()) {
            recording.enable("dev.shuttle.ServiceRecords");
            recording.enable("dev.shuttle.ConnectAttempt");
            recording.start();
            ConnectListener listener = FlightRecorderListener.with(ConnectListener.NONE);
            listener.servicesAnswered(endpoint, List.of(service));
            InetSocketAddress address = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.7"), 8443);
            listener.attemptStarted(endpoint, address, service);
            listener.attemptSucceeded(endpoint, address);
            recording.stop();
            recording.dump(file);
            List<RecordedEvent> events = RecordingFile.readAllEvents(file);
            assertEquals(List.of("tls://example.com:443 1 svc.example.net alpn=h2 port=8443 ipv4hint=192.0.2.7"), events.stream()
                    .filter(e -> e.getEventType().getName().equals("dev.shuttle.ServiceRecords"))
                    .map(e -> e.getString("uri") + " " + e.getString("services")).toList());
            assertEquals(List.of("192.0.2.7 port 8443 connected via 1 svc.example.net alpn=h2 port=8443 ipv4hint=192.0.2.7"),
                    events.stream().filter(e -> e.getEventType().getName().equals("dev.shuttle.ConnectAttempt"))
                            .map(e -> e.getString("address") + " " + e.getString("outcome") + " via " + e.getString("service"))
                            .toList());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
