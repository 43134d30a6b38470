package dev.shuttle.internal.tls;

import static dev.shuttle.internal.tls.Messages.assertContains;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.StartTls;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * How a TLS stream ends, written once and run over both TLS paths: BouncyCastle's
 * {@code SSLSocket} over TCP, and Shuttle's {@code SSLEngine} loop over a Unix socket. A peer's
 * {@code close_notify} is the end of the stream; a transport that ends without one is a
 * truncated stream, which a reader must not take for the end.
 */
@NetworkTest
abstract class TlsCloseScenarios {
    static final TestCertificates PKI = TestCertificates.ec();

    static {
        TlsWarmUp.once();
    }

    /** {@return where the plaintext server listens; its handler starts TLS itself} */
    abstract String listenUri();

    /** {@return the URI a TLS client connects to, for the server listening there} */
    abstract String connectUri(EchoServer server);

    /** How the test server ends its TLS conversation after its greeting. */
    enum Ending {
        /** {@code close()} on the TLS connection: {@code close_notify}, then the transport closes. */
        CLOSE_NOTIFY,
        /** The transport closes under TLS: no {@code close_notify}, as an attacker cutting the stream would. */
        CUT
    }

    private EchoServer greetingServer(Ending ending) throws IOException {
        TlsServerOptions options = TlsServerOptions.builder().certificate(PKI.server()).build();
        return EchoServer.start(listenUri(), null, plain -> {
            Connection secure = StartTls.server(plain, options);
            secure.output().write("partial".getBytes(StandardCharsets.US_ASCII));
            secure.output().flush();
            if (ending == Ending.CLOSE_NOTIFY) {
                secure.close();
            } else {
                plain.close();
            }
        });
    }

    private Connection connect(EchoServer server) throws Exception {
        return Connector.tls(TlsOptions.builder().trustStore(PKI.caStore()).serverName("localhost").build())
                .connect(connectUri(server));
    }

    @Test
    void aPeersCloseNotifyReadsAsTheEndOfTheStream() throws Exception {
        try (EchoServer server = greetingServer(Ending.CLOSE_NOTIFY); Connection connection = connect(server)) {
            assertEquals("partial", new String(connection.input().readNBytes(7), StandardCharsets.US_ASCII));
            assertEquals(-1, connection.input().read());
            assertEquals(-1, connection.input().read());
        }
    }

    @Test
    void aStreamCutWithoutCloseNotifyFailsTheReadInsteadOfEndingIt() throws Exception {
        try (EchoServer server = greetingServer(Ending.CUT); Connection connection = connect(server)) {
            assertEquals("partial", new String(connection.input().readNBytes(7), StandardCharsets.US_ASCII));
            EOFException truncated = assertThrows(EOFException.class, () -> connection.input().read());
            assertContains(truncated, "close_notify", connection.remoteAddress().toString());
            assertFalse(truncated.getClass().getName().startsWith("org.bouncycastle"), () -> "a BouncyCastle type reached the user: " + truncated);
            assertThrows(IOException.class, () -> connection.input().read(), "a later read must not report the end either");
        }
    }

    @Test
    void aReadCutShortByCloseIsNotReportedAsATruncatedStream() throws Exception {
        try (EchoServer server = EchoServer.start(listenUri(), null,
                plain -> EchoServer.ECHO.handle(StartTls.server(plain, TlsServerOptions.builder().certificate(PKI.server()).build())))) {
            Connection connection = connect(server);
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    outcome.set(connection.input().read());
                } catch (IOException e) {
                    outcome.set(e);
                }
            });
            await().until(() -> reader.getState() == Thread.State.WAITING || reader.getState() == Thread.State.TIMED_WAITING);
            connection.close();
            assertTrue(reader.join(Duration.ofSeconds(5)));
            // SocketException on the engine path, AsynchronousCloseException on BouncyCastle's
            // socket: either way an IOException, never the EOFException of a truncated stream.
            IOException failure = assertInstanceOf(IOException.class, outcome.get());
            assertFalse(failure instanceof EOFException, () -> "a read cut short by close() was reported as " + failure);
        }
    }
}
