package dev.shuttle.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ConnectListener;
import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Endpoint;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.TlsHandshake;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.PeerServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * A connect's listener hears of each TLS handshake: its start, what it negotiated (protocol, cipher
 * suite, ALPN, the server's certificate) or why it failed; a listener's RuntimeException is
 * ignored, its Error ends the connect after the connection is closed.
 */
@NetworkTest
class TlsHandshakeEventsOfConnectsTest {
    private static final TlsCertificate CERTIFICATE = TlsCertificate.selfSigned("app.test", "127.0.0.1");
    private static final TlsCertificate STRANGER = TlsCertificate.selfSigned("app.test", "127.0.0.1");

    /** Records every call, in order. */
    static final class Recorder implements ConnectListener {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile TlsHandshake handshake;
        volatile IOException failure;

        @Override
        public void attemptStarted(Endpoint endpoint, InetSocketAddress address) {
            calls.add("attemptStarted");
        }

        @Override
        public void attemptSucceeded(Endpoint endpoint, InetSocketAddress address) {
            calls.add("attemptSucceeded");
        }

        @Override
        public void attemptFailed(Endpoint endpoint, InetSocketAddress address, IOException failure) {
            calls.add("attemptFailed");
        }

        @Override
        public void handshakeStarted(Endpoint endpoint, InetSocketAddress address) {
            calls.add("handshakeStarted " + endpoint + " " + address.getAddress().getHostAddress());
        }

        @Override
        public void handshakeSucceeded(Endpoint endpoint, InetSocketAddress address, TlsHandshake handshake) {
            calls.add("handshakeSucceeded");
            this.handshake = handshake;
        }

        @Override
        public void handshakeFailed(Endpoint endpoint, InetSocketAddress address, IOException failure) {
            calls.add("handshakeFailed");
            this.failure = failure;
        }
    }

    private static PeerServer server() throws IOException {
        ServerOptions options = ServerOptions.builder().tls(TlsServerOptions.builder().certificate(CERTIFICATE)
                .applicationProtocols("h2", "http/1.1").build()).build();
        return PeerServer.start("tls://127.0.0.1:0", options, PeerServer.numberedEcho());
    }

    private static Connector connector(ConnectListener listener, TlsCertificate trusted) {
        return Connector.create(ConnectorOptions.builder().listener(listener).connectTimeout(Duration.ofSeconds(20))
                .tls(TlsOptions.builder().trustCertificates(trusted.chain()).applicationProtocols("h2").build()).build());
    }

    @Test
    void aSuccessfulHandshakeIsToldWithWhatItNegotiated() throws Exception {
        Recorder recorder = new Recorder();
        try (PeerServer server = server();
                Connection connection = connector(recorder, CERTIFICATE).connect(server.uri())) {
            assertTrue(connection.isOpen());
            assertEquals(List.of("attemptStarted", "handshakeStarted " + server.uri() + " 127.0.0.1", "handshakeSucceeded",
                    "attemptSucceeded"), recorder.calls);
            TlsHandshake handshake = recorder.handshake;
            assertEquals("TLSv1.3", handshake.protocol());
            assertTrue(handshake.cipherSuite().startsWith("TLS_"), handshake.cipherSuite());
            assertEquals("h2", handshake.applicationProtocol().orElseThrow());
            assertEquals(CERTIFICATE.chain().getFirst(), handshake.peerCertificates().getFirst());
            assertTrue(handshake.toString().contains("TLSv1.3"), handshake.toString());
        }
    }

    @Test
    void aFailedHandshakeIsToldWithItsReason() throws Exception {
        Recorder recorder = new Recorder();
        try (PeerServer server = server()) {
            IOException thrown = assertThrows(IOException.class, () -> connector(recorder, STRANGER).connect(server.uri()));
            assertInstanceOf(SSLHandshakeException.class, thrown, thrown.toString());
            assertEquals(List.of("attemptStarted", "handshakeStarted " + server.uri() + " 127.0.0.1", "handshakeFailed",
                    "attemptFailed"), recorder.calls);
            assertInstanceOf(SSLHandshakeException.class, recorder.failure);
            assertTrue(recorder.failure.getMessage().contains("trust"), recorder.failure.getMessage());
        }
    }

    /** {@return a listener whose handshake methods throw a RuntimeException, as a buggy one would} */
    static ConnectListener throwingOnHandshakes() {
        return new ConnectListener() {
            @Override
            public void handshakeStarted(Endpoint endpoint, InetSocketAddress address) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void handshakeSucceeded(Endpoint endpoint, InetSocketAddress address, TlsHandshake handshake) {
                throw new IllegalStateException("listener bug");
            }
        };
    }

    @Test
    void aListenerThatThrowsARuntimeExceptionIsIgnored() throws Exception {
        try (PeerServer server = server();
                Connection connection = connector(throwingOnHandshakes(), CERTIFICATE).connect(server.uri())) {
            assertEquals("1:hello", PeerServer.ask(connection, "hello"));
        }
    }

    @Test
    void anErrorFromHandshakeFailedEndsTheConnectWithThatError() throws Exception {
        AssertionError bug = new AssertionError("listener bug");
        ConnectListener throwing = new ConnectListener() {
            @Override
            public void handshakeFailed(Endpoint endpoint, InetSocketAddress address, IOException failure) {
                throw bug;
            }
        };
        try (PeerServer server = server()) {
            AssertionError thrown = assertThrows(AssertionError.class, () -> connector(throwing, STRANGER).connect(server.uri()));
            assertSame(bug, thrown);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.open() == 0);
        }
    }
}
