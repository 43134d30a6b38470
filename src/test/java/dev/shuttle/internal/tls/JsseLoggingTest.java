package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.crypto.BouncyCastle;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a user sees in the default {@code java.util.logging} set-up (root at {@code INFO}) while
 * Shuttle's TLS connections come and go: nothing from BouncyCastle. Since 1.85 BouncyCastle logs a
 * connection that succeeds at {@code FINE}, but still every fatal alert it raises or receives at
 * {@code INFO}, and an {@code internal_error} at {@code WARNING} (a client that rejects the
 * certificate and resets the connection while the server still writes its flight), each with a
 * stack trace: one log entry per failed handshake, which any peer can cause.
 */
@NetworkTest
class JsseLoggingTest {
    static {
        TlsWarmUp.once();
    }

    // JUL holds loggers weakly: keep the one the handler is on.
    private static final Logger BOUNCY_CASTLE = Logger.getLogger("org.bouncycastle");

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                records.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureBouncyCastlesLogging() {
        BOUNCY_CASTLE.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        BOUNCY_CASTLE.removeHandler(capture);
    }

    private List<String> loggedAtInfoOrAbove() {
        return records.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()).toList();
    }

    @Test
    void connectionsThatSucceedLogNothingAtInfoOrAbove() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        TlsServerOptions tls = TlsServerOptions.builder().certificate(pki.server()).build();
        try (EchoServer server = EchoServer.tls(tls)) {
            for (int i = 0; i < 3; i++) {
                try (Connection connection = Connector.tls(TlsOptions.builder().trustStore(pki.caStore()).build())
                        .connect(server.uri())) {
                    connection.output().write(new byte[] {1, 2, 3});
                    connection.output().flush();
                    assertArrayEquals(new byte[] {1, 2, 3}, connection.input().readNBytes(3));
                }
            }
            assertEquals(List.of(), server.errors());
        }
        assertEquals(List.of(), loggedAtInfoOrAbove());
    }

    @Test
    void handshakesThatFailLogNothingAtInfoOrAboveOnEitherSide() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        TlsServerOptions tls = TlsServerOptions.builder().certificate(pki.server()).build();
        try (EchoServer server = EchoServer.tls(tls)) {
            // Not TLS: the server raises a fatal alert.
            try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.address().port())) {
                OutputStream out = plain.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = plain.getInputStream();
                in.readAllBytes();
            }
            // A client that does not trust the certificate: it raises the alert, the server receives it.
            assertThrows(SSLHandshakeException.class, () -> {
                try (Connection connection = Connector.tls(TlsOptions.builder().build()).connect(server.uri())) {
                    connection.output().write(1);
                }
            });
            org.awaitility.Awaitility.await().until(() -> server.errors().size() == 2);
        }
        assertEquals(List.of(), loggedAtInfoOrAbove());
    }

    @Test
    void bouncyCastlesLoggingIsQuietUnlessTheApplicationConfiguredIt() {
        BouncyCastle.jsse();
        assertTrue(BouncyCastle.quietedLogging(), "the test JVM configures no JUL level for BouncyCastle");
        assertEquals(Level.SEVERE, Logger.getLogger("org.bouncycastle.jsse").getLevel());
    }
}
