package dev.shuttle.internal.tls;

import static dev.shuttle.internal.tls.Messages.assertContains;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ConnectorOptions;
import dev.shuttle.dropin.ShuttleSslSocketFactory;
import dev.shuttle.internal.concurrent.ShuttleThreads;
import dev.shuttle.testing.Bounded;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The drop-in {@code SSLSocket} (Shuttle's {@code SSLSocketFactory}) against peers that misbehave,
 * and the socket behaviours it keeps from {@code SSLSocket}: a handshake that stalls or is reset, a
 * record changed on the path, a connection reset after the handshake, a listener that throws, read
 * timeouts, half-close and {@code close_notify}.
 */
@NetworkTest
class EngineSslSocketTest {
    private static final TestCertificates PKI = TestCertificates.ec();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int BOUND_MILLIS = 20_000;

    static {
        TlsWarmUp.once();
    }

    private static ShuttleSslSocketFactory factory(Duration handshakeTimeout) {
        return ShuttleSslSocketFactory.create(ConnectorOptions.builder()
                .tls(TlsOptions.builder().trustCertificates(java.util.List.of(PKI.ca())).handshakeTimeout(handshakeTimeout).build())
                .build());
    }

    private static ShuttleSslSocketFactory factory() {
        return factory(Duration.ofSeconds(20));
    }

    private static TlsServerOptions server(String... protocols) {
        TlsServerOptions.Builder builder = TlsServerOptions.builder().certificate(PKI.server());
        if (protocols.length > 0) {
            builder.protocols(protocols);
        }
        return builder.build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void roundTrip(Socket socket) throws IOException {
        socket.getOutputStream().write(bytes("ping"));
        assertArrayEquals(bytes("ping"), socket.getInputStream().readNBytes(4));
    }

    /** Reads one whole TLS record (the ClientHello) from the raw side of a connection. */
    private static void readRecord(Socket accepted) throws IOException {
        DataInputStream in = new DataInputStream(accepted.getInputStream());
        byte[] header = new byte[5];
        in.readFully(header);
        in.readFully(new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)]);
    }

    @Test
    void aPeerThatStallsMidHandshakeTimesOutClosesTheSocketAndLeavesNoThread() throws Exception {
        int threads = ShuttleThreads.live();
        try (ServerSocket listener = new ServerSocket(0, 1, LOOPBACK);
                Socket plain = new Socket(LOOPBACK, listener.getLocalPort());
                Socket accepted = listener.accept()) {
            SSLSocket socket = (SSLSocket) factory(Duration.ofMillis(300)).createSocket(plain, "localhost", listener.getLocalPort(), true);
            Thread peer = Thread.ofVirtual().start(() -> {
                try {
                    readRecord(accepted);
                    // A ServerHello record begun (64 bytes announced, 2 sent), never finished.
                    accepted.getOutputStream().write(new byte[] {22, 3, 3, 0, 64, 2, 0});
                    accepted.getOutputStream().flush();
                } catch (IOException ignored) {
                    // The client went: the test says what it saw.
                }
            });
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, socket::startHandshake);
            assertContains(e, "TLS handshake with tls://localhost:" + listener.getLocalPort(), "did not finish within 300 ms");
            NoProviderTypesTest.assertNoProviderType(e);
            assertTrue(socket.isClosed());
            assertTrue(plain.isClosed());
            assertThrows(SocketException.class, () -> socket.getOutputStream().write(1), "a timed-out socket stays closed");
            Bounded.join(peer);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ShuttleThreads.live() <= threads);
    }

    @Test
    void aPeerThatResetsMidHandshakeFailsItInWordsAndClosesTheSocket() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, LOOPBACK);
                Socket plain = new Socket(LOOPBACK, listener.getLocalPort());
                Socket accepted = listener.accept()) {
            SSLSocket socket = (SSLSocket) factory().createSocket(plain, "localhost", listener.getLocalPort(), true);
            Thread peer = Thread.ofVirtual().start(() -> {
                try {
                    readRecord(accepted);
                    accepted.setSoLinger(true, 0);
                    accepted.close(); // a reset
                } catch (IOException ignored) {
                    // The test says what it saw.
                }
            });
            IOException e = assertThrows(IOException.class, () -> socket.getInputStream().read());
            assertInstanceOf(SSLHandshakeException.class, e);
            assertContains(e, "TLS handshake with tls://localhost:" + listener.getLocalPort() + " failed: ",
                    "closed the connection during the handshake");
            NoProviderTypesTest.assertNoProviderType(e);
            assertTrue(socket.isClosed());
            assertTrue(plain.isClosed());
            Bounded.join(peer);
        }
    }

    @Test
    void aResetAfterTheHandshakeFailsTheReadWithoutProviderTypesAndClosesTheSocket() throws Exception {
        try (EchoServer server = EchoServer.tls(server());
                RecordRelay relay = new RecordRelay(server.address().port())) {
            Socket plain = new Socket(LOOPBACK, relay.port());
            SSLSocket socket = (SSLSocket) factory().createSocket(plain, "localhost", relay.port(), true);
            socket.setSoTimeout(BOUND_MILLIS);
            roundTrip(socket);
            relay.resetTowardsClient();
            IOException e = assertThrows(IOException.class, () -> socket.getInputStream().read());
            assertContains(e, "TLS connection with tls://localhost:" + relay.port() + " failed: ");
            NoProviderTypesTest.assertNoProviderType(e);
            assertTrue(socket.isClosed());
            assertTrue(plain.isClosed());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aRecordChangedOnThePathFailsTheReadInWordsAndClosesTheSocket(String protocol) throws Exception {
        try (EchoServer server = EchoServer.tls(server(protocol));
                RecordRelay relay = new RecordRelay(server.address().port())) {
            Socket plain = new Socket(LOOPBACK, relay.port());
            SSLSocket socket = (SSLSocket) factory().createSocket(plain, "localhost", relay.port(), true);
            socket.setSoTimeout(BOUND_MILLIS);
            roundTrip(socket);
            assertEquals(protocol, socket.getSession().getProtocol());
            relay.tamperNext();
            socket.getOutputStream().write(bytes("pong"));
            InputStream input = socket.getInputStream();
            IOException first = assertThrows(IOException.class, input::read, "a changed record must fail the read");
            assertEquals(1, relay.tampered());
            assertInstanceOf(SSLException.class, first);
            assertContains(first, "TLS connection with tls://localhost:" + relay.port() + " failed: ", "bad_record_mac");
            NoProviderTypesTest.assertNoProviderType(first);
            assertTrue(socket.isClosed());
            assertTrue(plain.isClosed());
            IOException later = assertThrows(IOException.class, input::read, "never the end of the stream after a failure");
            assertContains(later, "bad_record_mac");
            NoProviderTypesTest.assertNoProviderType(later);
        }
    }

    @Test
    void aListenerThatThrowsHarmsNeitherTheSocketNorTheOtherListenersAndLeavesNoThread() throws Exception {
        CompletableFuture<HandshakeCompletedEvent> told = new CompletableFuture<>();
        AtomicReference<Thread> listenerThread = new AtomicReference<>();
        try (EchoServer server = EchoServer.tls(server());
                SSLSocket socket = (SSLSocket) factory().createSocket("localhost", server.address().port())) {
            socket.setSoTimeout(BOUND_MILLIS);
            socket.addHandshakeCompletedListener(event -> {
                throw new IllegalStateException("a listener that fails, on purpose");
            });
            socket.addHandshakeCompletedListener(event -> {
                listenerThread.set(Thread.currentThread());
                told.complete(event);
            });
            roundTrip(socket); // the handshake runs here, on the first write
            HandshakeCompletedEvent event = Bounded.join(told);
            assertSame(socket, event.getSocket());
            assertEquals("TLSv1.3", event.getSession().getProtocol());
            assertEquals(socket.getSession().getCipherSuite(), event.getCipherSuite());
            assertFalse(socket.isClosed());
            roundTrip(socket);
            Bounded.join(listenerThread.get());
        }
    }

    @Test
    void aReadTimeoutIsNotAFailure() throws Exception {
        try (EchoServer server = EchoServer.tls(server());
                SSLSocket socket = (SSLSocket) factory().createSocket("localhost", server.address().port())) {
            socket.startHandshake();
            socket.setSoTimeout(100);
            assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read());
            assertFalse(socket.isClosed());
            socket.setSoTimeout(BOUND_MILLIS);
            roundTrip(socket);
        }
    }

    @Test
    void streamsAreTheSameObjectsAndAvailableCountsDecryptedBytes() throws Exception {
        try (EchoServer server = EchoServer.tls(server());
                SSLSocket socket = (SSLSocket) factory().createSocket("localhost", server.address().port())) {
            socket.setSoTimeout(BOUND_MILLIS);
            assertSame(socket.getInputStream(), socket.getInputStream());
            assertSame(socket.getOutputStream(), socket.getOutputStream());
            assertEquals(0, socket.getInputStream().available());
            socket.getOutputStream().write(bytes("ping"));
            assertEquals('p', socket.getInputStream().read());
            assertEquals(3, socket.getInputStream().available());
            assertArrayEquals(bytes("ing"), socket.getInputStream().readNBytes(3));
        }
    }

    @Test
    void shutdownOutputOverTls13HalfClosesAndTheAnswerStillArrives() throws Exception {
        try (EchoServer server = EchoServer.start("tls://127.0.0.1:0", server(), connection -> {
                    byte[] request = connection.input().readAllBytes();
                    connection.output().write(bytes("got " + new String(request, StandardCharsets.US_ASCII)));
                });
                SSLSocket socket = (SSLSocket) factory().createSocket("localhost", server.address().port())) {
            socket.setSoTimeout(BOUND_MILLIS);
            socket.getOutputStream().write(bytes("hello"));
            socket.shutdownOutput();
            assertTrue(socket.isOutputShutdown());
            assertThrows(SocketException.class, () -> socket.getOutputStream());
            assertEquals("got hello", new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
        }
    }

    @Test
    void shutdownOutputOverTls12EndsTheConnectionBothWays() throws Exception {
        CompletableFuture<Integer> serverRead = new CompletableFuture<>();
        try (EchoServer server = EchoServer.start("tls://127.0.0.1:0", server("TLSv1.2"), connection -> {
                    serverRead.complete(connection.input().read());
                });
                SSLSocket socket = (SSLSocket) factory().createSocket("localhost", server.address().port())) {
            socket.setSoTimeout(BOUND_MILLIS);
            socket.startHandshake();
            assertEquals("TLSv1.2", socket.getSession().getProtocol());
            socket.shutdownOutput();
            assertEquals(-1, Bounded.join(serverRead), "the server reads close_notify: the end of the stream");
            assertEquals(-1, socket.getInputStream().read());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void closeSendsCloseNotifyAndClosesThePlainSocketOnlyWithAutoClose(boolean autoClose) throws Exception {
        CompletableFuture<Object> serverSaw = new CompletableFuture<>();
        try (EchoServer server = EchoServer.start("tls://127.0.0.1:0", server(), connection -> {
                    try {
                        connection.input().transferTo(connection.output());
                        serverSaw.complete("end of stream");
                    } catch (IOException e) {
                        serverSaw.complete(e);
                    }
                })) {
            Socket plain = new Socket(LOOPBACK, server.address().port());
            try {
                SSLSocket socket = (SSLSocket) factory().createSocket(plain, "localhost", server.address().port(), autoClose);
                socket.setSoTimeout(BOUND_MILLIS);
                roundTrip(socket);
                socket.close();
                assertTrue(socket.isClosed());
                assertEquals("end of stream", Bounded.join(serverSaw), "the server read close_notify, not a cut stream");
                assertEquals(autoClose, plain.isClosed());
                assertThrows(SocketException.class, () -> socket.getInputStream());
            } finally {
                plain.close();
            }
        }
    }

    @Test
    void overASocketTheCallerKeepsTlsReadsNothingPastItsEnd() throws Exception {
        // The server's last TLS record, its close_notify and plaintext after it reach the client in
        // one write: a read ahead under TLS would take the plaintext, which belongs to the caller.
        try (EchoServer server = EchoServer.start("tcp://127.0.0.1:0", null, plain -> {
                    HeldOutput held = new HeldOutput(plain);
                    dev.shuttle.Connection secure = dev.shuttle.StartTls.server(held, server());
                    byte[] request = secure.input().readNBytes(4);
                    held.hold();
                    secure.output().write(request);
                    secure.shutdownOutput(); // close_notify, held
                    held.release(bytes("after TLS"));
                    plain.input().transferTo(java.io.OutputStream.nullOutputStream());
                })) {
            try (Socket plain = new Socket(LOOPBACK, server.address().port())) {
                plain.setSoTimeout(BOUND_MILLIS);
                SSLSocket socket = (SSLSocket) factory().createSocket(plain, "localhost", server.address().port(), false);
                roundTrip(socket);
                assertEquals(-1, socket.getInputStream().read(), "the server's close_notify");
                socket.close();
                assertFalse(plain.isClosed());
                assertArrayEquals(bytes("after TLS"), plain.getInputStream().readNBytes(9));
            }
        }
    }

    /**
     * A transport whose output, once held, collects what is written (and ignores a half-close) until
     * {@link #release}, which sends it and more in one write.
     */
    private static final class HeldOutput extends dev.shuttle.internal.io.ForwardingConnection {
        private final java.io.ByteArrayOutputStream held = new java.io.ByteArrayOutputStream();
        private volatile boolean holding;
        private final java.io.OutputStream output = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (holding) {
                    held.write(bytes, offset, length);
                } else {
                    connection.output().write(bytes, offset, length);
                }
            }

            @Override
            public void flush() throws IOException {
                if (!holding) {
                    connection.output().flush();
                }
            }
        };

        HeldOutput(dev.shuttle.Connection connection) {
            super(connection);
        }

        void hold() {
            holding = true;
        }

        void release(byte[] more) throws IOException {
            held.write(more);
            connection.output().write(held.toByteArray());
            connection.output().flush();
        }

        @Override
        public java.io.OutputStream output() {
            return output;
        }

        @Override
        public void shutdownOutput() {
            // Held: the plaintext after TLS is still to come.
        }

        @Override
        public <T> java.util.Optional<T> unwrap(Class<T> type) {
            return type == Socket.class ? java.util.Optional.empty() : connection.unwrap(type);
        }
    }
}
