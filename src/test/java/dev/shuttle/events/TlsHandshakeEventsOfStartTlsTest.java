package dev.shuttle.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ServerOptions;
import dev.shuttle.StartTls;
import dev.shuttle.events.TlsHandshakeEventsOfConnectsTest.Recorder;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.PeerServer;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import java.io.IOException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** A STARTTLS upgrade given a listener tells it of the handshake as a connector's attempt does. */
@NetworkTest
class TlsHandshakeEventsOfStartTlsTest {
    private static final TlsCertificate CERTIFICATE = TlsCertificate.selfSigned("app.test");

    private static PeerServer server() throws IOException {
        return PeerServer.start("tls://127.0.0.1:0",
                ServerOptions.builder().tls(TlsServerOptions.builder().certificate(CERTIFICATE).build()).build(),
                PeerServer.numberedEcho());
    }

    @Test
    void anUpgradeIsToldWithWhatItNegotiated() throws Exception {
        Recorder recorder = new Recorder();
        try (PeerServer server = server()) {
            Connection plain = Connector.tcp().connect(server.uri().replace("tls://", "tcp://"));
            try (Connection secured = StartTls.client(plain, "app.test", TlsOptions.builder()
                    .trustCertificates(CERTIFICATE.chain()).build(), recorder)) {
                assertTrue(secured.isOpen());
            }
            assertEquals(List.of("handshakeStarted " + server.uri() + " 127.0.0.1", "handshakeSucceeded"), recorder.calls);
            assertEquals("TLSv1.3", recorder.handshake.protocol());
            assertEquals(CERTIFICATE.chain().getFirst(), recorder.handshake.peerCertificates().getFirst());
        }
    }

    @Test
    void aFailedUpgradeIsToldWithTheExceptionTheCallerGets() throws Exception {
        Recorder recorder = new Recorder();
        try (PeerServer server = server()) {
            Connection plain = Connector.tcp().connect(server.uri().replace("tls://", "tcp://"));
            SSLHandshakeException thrown = assertThrows(SSLHandshakeException.class, () -> StartTls.client(plain, "app.test",
                    TlsOptions.builder().trustCertificates(TlsCertificate.selfSigned("app.test").chain()).build(), recorder));
            assertEquals(List.of("handshakeStarted " + server.uri() + " 127.0.0.1", "handshakeFailed"), recorder.calls);
            assertSame(thrown, recorder.failure);
            assertTrue(!plain.isOpen(), "a failed upgrade closes the plaintext connection");
        }
    }

    @Test
    void anErrorFromTheListenerEndsTheUpgradeWithThatErrorAndClosesTheConnection() throws Exception {
        AssertionError bug = new AssertionError("listener bug");
        dev.shuttle.ConnectListener throwing = new dev.shuttle.ConnectListener() {
            @Override
            public void handshakeSucceeded(dev.shuttle.Endpoint endpoint, java.net.InetSocketAddress address,
                    dev.shuttle.TlsHandshake handshake) {
                throw bug;
            }
        };
        try (PeerServer server = server()) {
            Connection plain = Connector.tcp().connect(server.uri().replace("tls://", "tcp://"));
            assertSame(bug, assertThrows(AssertionError.class, () -> StartTls.client(plain, "app.test",
                    TlsOptions.builder().trustCertificates(CERTIFICATE.chain()).build(), throwing)));
            assertTrue(!plain.isOpen(), "the upgrade's connection is closed, never leaked");
        }
    }
}
