package dev.shuttle.internal.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long TLS 1.3 sessions with hundreds of key updates (RFC 8446 section 4.6.3) against the JDK's
 * SunJSSE, once with Shuttle as the client and once as the server. SunJSSE's
 * {@code SSLSocket.startHandshake()} on an established TLS 1.3 connection sends a KeyUpdate that
 * asks for one back: so before every message, the SunJSSE side moves to its next sending key, and
 * Shuttle must move to the next receiving key, answer with a KeyUpdate of its own and move to its
 * next sending key. Every message is echoed and compared byte for byte, so a wrong key or nonce on
 * either side in either direction fails the test; a relay in the middle counts the records each way,
 * proving that the key updates went over the wire.
 */
@NetworkTest
class TlsKeyUpdateTest {
    static {
        TlsWarmUp.once();
    }

    private static final int UPDATES = 300;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void shuttlesClientFollowsHundredsOfKeyUpdatesFromTheJdksServer(String suite) throws Exception {
        TestCertificates pki = TestCertificates.ec();
        try (SSLServerSocket listener = SunJssePeers.server(pki.server(), parameters -> {
            parameters.setProtocols(new String[] {"TLSv1.3"});
            parameters.setCipherSuites(new String[] {suite});
        })) {
            SunJssePeers.OneConnection served = SunJssePeers.serveOne(listener, accepted -> {
                SSLSocket socket = (SSLSocket) accepted;
                socket.setTcpNoDelay(true);
                driveKeyUpdates(socket, socket.getInputStream(), socket.getOutputStream());
            });
            try (served; RecordRelay relay = new RecordRelay(listener.getLocalPort())) {
                TlsOptions options = TlsOptions.builder().trustStore(pki.caStore()).protocols("TLSv1.3").build();
                try (Connection connection = Connector.tls(options).connect("tls://127.0.0.1:" + relay.port())) {
                    assertEquals(suite, connection.unwrap(SSLSession.class).orElseThrow().getCipherSuite());
                    echoMessages(connection.input(), connection.output());
                }
                served.close();
                assertNull(served.failure());
                assertNull(relay.failure());
                assertKeyUpdatesCrossed(relay);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void shuttlesServerFollowsHundredsOfKeyUpdatesFromTheJdksClient(String suite) throws Exception {
        TestCertificates pki = TestCertificates.ec();
        TlsServerOptions tls = TlsServerOptions.builder().certificate(pki.server()).protocols("TLSv1.3").build();
        try (EchoServer server = EchoServer.start("tls://127.0.0.1:0", tls,
                        connection -> echoMessages(connection.input(), connection.output()));
                RecordRelay relay = new RecordRelay(server.address().port())) {
            try (SSLSocket socket = SunJssePeers.client(pki, relay.port(), parameters -> {
                parameters.setProtocols(new String[] {"TLSv1.3"});
                parameters.setCipherSuites(new String[] {suite});
            })) {
                socket.setTcpNoDelay(true);
                socket.startHandshake();
                assertEquals(suite, socket.getSession().getCipherSuite());
                driveKeyUpdates(socket, socket.getInputStream(), socket.getOutputStream());
            }
            assertNull(relay.failure());
            assertKeyUpdatesCrossed(relay);
            assertEquals(List.of(), server.errors());
        }
    }

    /**
     * Each message is one record and so is each KeyUpdate: without the updates there would be
     * about {@link #UPDATES} records each way, with them at least twice as many.
     */
    private static void assertKeyUpdatesCrossed(RecordRelay relay) {
        assertTrue(relay.recordsToTarget() >= 2 * UPDATES && relay.recordsFromTarget() >= 2 * UPDATES,
                () -> "records to the target " + relay.recordsToTarget() + ", from it " + relay.recordsFromTarget()
                        + ": fewer than a message and a key update each way per round");
    }

    /**
     * The SunJSSE side: a key update, then a message that must come back unchanged; an empty message,
     * echoed too, ends (then this side closes first, so that neither closes with bytes unread).
     */
    private static void driveKeyUpdates(SSLSocket socket, InputStream in, OutputStream out) throws Exception {
        DataInputStream echoes = new DataInputStream(in);
        Random random = new Random(42);
        for (int round = 0; round < UPDATES; round++) {
            socket.startHandshake();
            byte[] message = new byte[1 + random.nextInt(4000)];
            random.nextBytes(message);
            out.write(framed(message));
            out.flush();
            int length = echoes.readInt();
            byte[] echoed = new byte[length];
            echoes.readFully(echoed);
            assertArrayEquals(message, echoed, "round " + round);
        }
        out.write(framed(new byte[0]));
        out.flush();
        assertEquals(0, echoes.readInt(), "the end, echoed");
    }

    /** Shuttle's side: echoes each message in one write until the empty one, then waits for the peer to close. */
    private static void echoMessages(InputStream in, OutputStream out) throws IOException {
        DataInputStream messages = new DataInputStream(in);
        while (true) {
            int length = messages.readInt();
            if (length == 0) {
                out.write(framed(new byte[0]));
                out.flush();
                if (in.read() != -1) {
                    throw new IOException("bytes after the end");
                }
                return;
            }
            byte[] message = new byte[length];
            messages.readFully(message);
            out.write(framed(message));
            out.flush();
        }
    }

    private static byte[] framed(byte[] message) {
        return ByteBuffer.allocate(4 + message.length).putInt(message.length).put(message).array();
    }
}
