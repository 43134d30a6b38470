package dev.shuttle.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** Each TLS handshake, on either side, is a {@code dev.shuttle.TlsHandshake} flight-recorder event. */
@NetworkTest
class TlsHandshakeEventsTest {
    private static final TestCertificates PKI = TestCertificates.ec();

    static {
        TlsWarmUp.once();
    }

    @Test
    void handshakesOfBothSidesAreRecordedWithWhatTheyNegotiatedOrWhyTheyFailed() throws Exception {
        Path file = Files.createTempFile("shuttle", ".jfr");
        TlsServerOptions tls = TlsServerOptions.builder().certificate(PKI.server()).applicationProtocols("echo/1").build();
        try (EchoServer server = EchoServer.tls(tls); Recording recording = new Recording()) {
            recording.enable("dev.shuttle.TlsHandshake");
            recording.start();
            TlsOptions trusting = TlsOptions.builder().trustStore(PKI.caStore()).applicationProtocols("echo/1").build();
            try (Connection connection = Connector.tls(trusting).connect(server.uri())) {
                assertEquals("ok", TlsClientTest.echo(connection, "ok"));
            }
            assertThrows(SSLHandshakeException.class, () -> Connector.tls(TlsOptions.builder().build()).connect(server.uri()));
            org.awaitility.Awaitility.await().until(() -> server.errors().size() == 1);
            recording.stop();
            recording.dump(file);
            List<String> handshakes = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("dev.shuttle.TlsHandshake"))
                    .map(TlsHandshakeEventsTest::describe).sorted().toList();
            assertEquals(4, handshakes.size(), handshakes.toString());
            assertEquals("client TLSv1.3 TLS_AES_128_GCM_SHA256 echo/1", handshakes.get(0));
            assertTrue(handshakes.get(1).startsWith("client failed: TLS handshake with " + server.uri()), handshakes.toString());
            assertEquals("server TLSv1.3 TLS_AES_128_GCM_SHA256 echo/1", handshakes.get(2));
            assertTrue(handshakes.get(3).startsWith("server failed: "), handshakes.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String describe(RecordedEvent event) {
        String failure = event.getString("failure");
        return event.getString("side") + (failure != null ? " failed: " + failure
                : " " + event.getString("protocol") + " " + event.getString("cipherSuite") + " "
                        + event.getString("applicationProtocol"));
    }
}
