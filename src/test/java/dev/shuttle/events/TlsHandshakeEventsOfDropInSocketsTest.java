package dev.shuttle.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ConnectListener;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Endpoint;
import dev.shuttle.ServerOptions;
import dev.shuttle.TlsHandshake;
import dev.shuttle.dropin.ShuttleSslSocketFactory;
import dev.shuttle.events.TlsHandshakeEventsOfConnectsTest.Recorder;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.PeerServer;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The listener of a drop-in {@code SSLSocketFactory}'s options hears of each socket's handshake
 * when it runs (at {@code startHandshake()} or the first read or write), as a connector's listener
 * does: its start, what it negotiated, or why it failed; a listener's RuntimeException is ignored.
 */
@NetworkTest
class TlsHandshakeEventsOfDropInSocketsTest {
    private static final TlsCertificate CERTIFICATE = TlsCertificate.selfSigned("app.test", "127.0.0.1");
    private static final TlsCertificate STRANGER = TlsCertificate.selfSigned("app.test", "127.0.0.1");

    private static PeerServer server() throws IOException {
        ServerOptions options = ServerOptions.builder().tls(TlsServerOptions.builder().certificate(CERTIFICATE)
                .applicationProtocols("h2", "http/1.1").build()).build();
        return PeerServer.start("tls://127.0.0.1:0", options, PeerServer.numberedEcho());
    }

    private static ShuttleSslSocketFactory factory(ConnectListener listener, TlsCertificate trusted) {
        return ShuttleSslSocketFactory.create(ConnectorOptions.builder().listener(listener).connectTimeout(Duration.ofSeconds(20))
                .tls(TlsOptions.builder().trustCertificates(trusted.chain()).applicationProtocols("h2").build()).build());
    }

    private static int port(PeerServer server) {
        return Endpoint.parse(server.uri()).port();
    }

    @Test
    void aHandshakeIsToldWhenItRunsWithWhatItNegotiated() throws Exception {
        Recorder recorder = new Recorder();
        try (PeerServer server = server();
                SSLSocket socket = (SSLSocket) factory(recorder, CERTIFICATE).createSocket("127.0.0.1", port(server))) {
            assertEquals(List.of("attemptStarted", "attemptSucceeded"), recorder.calls, "no handshake before it runs");
            socket.startHandshake();
            assertEquals(List.of("attemptStarted", "attemptSucceeded", "handshakeStarted " + server.uri() + " 127.0.0.1",
                    "handshakeSucceeded"), recorder.calls);
            TlsHandshake handshake = recorder.handshake;
            assertEquals("TLSv1.3", handshake.protocol());
            assertEquals("h2", handshake.applicationProtocol().orElseThrow());
            assertEquals(CERTIFICATE.chain().getFirst(), handshake.peerCertificates().getFirst());
            socket.startHandshake();
            assertEquals(4, recorder.calls.size(), "told once: " + recorder.calls);
        }
    }

    @Test
    void aFailedHandshakeIsToldWithTheExceptionTheCallerGets() throws Exception {
        Recorder recorder = new Recorder();
        try (PeerServer server = server();
                SSLSocket socket = (SSLSocket) factory(recorder, STRANGER).createSocket("127.0.0.1", port(server))) {
            IOException thrown = assertThrows(IOException.class, socket::startHandshake);
            assertInstanceOf(SSLHandshakeException.class, thrown, thrown.toString());
            assertEquals(List.of("attemptStarted", "attemptSucceeded", "handshakeStarted " + server.uri() + " 127.0.0.1",
                    "handshakeFailed"), recorder.calls);
            assertSame(thrown, recorder.failure);
        }
    }

    @Test
    void aSocketLayeredOverTheCallersIsToldToo() throws Exception {
        Recorder recorder = new Recorder();
        try (PeerServer server = server(); Socket plain = new Socket("127.0.0.1", port(server));
                SSLSocket socket = (SSLSocket) factory(recorder, CERTIFICATE).createSocket(plain, "127.0.0.1", port(server), true)) {
            socket.getOutputStream().write("hi\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(List.of("handshakeStarted " + server.uri() + " 127.0.0.1", "handshakeSucceeded"), recorder.calls);
        }
    }

    @Test
    void aListenerThatThrowsARuntimeExceptionIsIgnored() throws Exception {
        try (PeerServer server = server();
                SSLSocket socket = (SSLSocket) factory(TlsHandshakeEventsOfConnectsTest.throwingOnHandshakes(), CERTIFICATE).createSocket("127.0.0.1", port(server))) {
            socket.getOutputStream().write("hi\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] answer = new byte[5];
            assertEquals(5, socket.getInputStream().readNBytes(answer, 0, 5));
            assertArrayEquals("1:hi\n".getBytes(StandardCharsets.US_ASCII), answer);
        }
    }

    @Test
    void anErrorFromTheListenerEndsTheHandshakeWithThatErrorAndClosesTheSocket() throws Exception {
        AssertionError bug = new AssertionError("listener bug");
        ConnectListener throwing = new ConnectListener() {
            @Override
            public void handshakeSucceeded(Endpoint endpoint, java.net.InetSocketAddress address, TlsHandshake handshake) {
                throw bug;
            }
        };
        try (PeerServer server = server();
                SSLSocket socket = (SSLSocket) factory(throwing, CERTIFICATE).createSocket("127.0.0.1", port(server))) {
            assertSame(bug, assertThrows(AssertionError.class, socket::startHandshake));
            assertTrue(socket.isClosed(), "nobody reads on over a handshake whose listener failed");
        }
    }
}
