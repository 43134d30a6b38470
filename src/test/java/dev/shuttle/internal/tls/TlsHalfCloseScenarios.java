package dev.shuttle.internal.tls;

import static dev.shuttle.internal.tls.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.StartTls;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.3 half-close, written once and run over TCP and Unix sockets: {@code shutdownOutput()}
 * sends {@code close_notify}, the peer reads the end of the stream and can still answer, and the
 * side that shut its output reads the answer, client side and server side.
 */
@NetworkTest
abstract class TlsHalfCloseScenarios {
    static final TestCertificates PKI = TestCertificates.ec();
    private static final Duration BOUND = Duration.ofSeconds(20);

    static {
        TlsWarmUp.once();
    }

    /** {@return where the plaintext server listens; its handler starts TLS itself} */
    abstract String listenUri();

    /** {@return the URI a TLS client connects to, for the server listening there} */
    abstract String connectUri(EchoServer server);

    private static TlsServerOptions serverOptions(String... protocols) {
        TlsServerOptions.Builder builder = TlsServerOptions.builder().certificate(PKI.server());
        if (protocols.length > 0) {
            builder.protocols(protocols);
        }
        return builder.build();
    }

    private Connection connect(EchoServer server) throws Exception {
        Connection connection = Connector.tls(TlsOptions.builder().trustStore(PKI.caStore()).serverName("localhost").build())
                .connect(connectUri(server));
        connection.setReadTimeout(BOUND);
        return connection;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aClientThatShutsItsOutputReadsTheServersAnswer() throws Exception {
        try (EchoServer server = EchoServer.start(listenUri(), null, plain -> {
                    try (Connection secure = StartTls.server(plain, serverOptions())) {
                        secure.setReadTimeout(BOUND);
                        byte[] request = secure.input().readAllBytes();
                        secure.output().write(bytes("got " + text(request)));
                    }
                });
                Connection connection = connect(server)) {
            assertEquals("TLSv1.3", connection.unwrap(SSLSession.class).orElseThrow().getProtocol());
            connection.output().write(bytes("hello"));
            connection.shutdownOutput();
            assertEquals("got hello", text(connection.input().readAllBytes()));
            assertEquals(-1, connection.input().read());
        }
    }

    @Test
    void aServerThatShutsItsOutputReadsTheClientsAnswer() throws Exception {
        BlockingQueue<Object> seen = new ArrayBlockingQueue<>(1);
        try (EchoServer server = EchoServer.start(listenUri(), null, plain -> {
                    try (Connection secure = StartTls.server(plain, serverOptions())) {
                        secure.setReadTimeout(BOUND);
                        secure.output().write(bytes("question"));
                        secure.shutdownOutput();
                        seen.add(text(secure.input().readAllBytes()));
                    } catch (IOException | RuntimeException e) {
                        seen.add(e);
                    }
                });
                Connection connection = connect(server)) {
            assertEquals("question", text(connection.input().readAllBytes()));
            connection.output().write(bytes("answer after your close_notify"));
            connection.close();
            assertEquals("answer after your close_notify", seen.poll(BOUND.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    void bulkBothWaysWithAHalfCloseInTheMiddle() throws Exception {
        byte[] payload = new byte[1 << 20];
        new Random(7).nextBytes(payload);
        try (EchoServer server = EchoServer.start(listenUri(), null, plain -> {
                    try (Connection secure = StartTls.server(plain, serverOptions())) {
                        secure.setReadTimeout(BOUND);
                        secure.input().transferTo(secure.output());
                        secure.shutdownOutput();
                    }
                });
                Connection connection = connect(server)) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    connection.output().write(payload);
                    connection.shutdownOutput();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertArrayEquals(payload, connection.input().readAllBytes());
            assertTrue(writer.join(BOUND));
        }
    }

    @Test
    void aWriteAfterShutdownOutputFailsNamingThePeer() throws Exception {
        try (EchoServer server = EchoServer.start(listenUri(), null, plain -> {
                    try (Connection secure = StartTls.server(plain, serverOptions())) {
                        secure.setReadTimeout(BOUND);
                        secure.input().readAllBytes();
                    }
                });
                Connection connection = connect(server)) {
            connection.shutdownOutput();
            SocketException e = assertThrows(SocketException.class, () -> connection.output().write(1));
            assertContains(e, "shut down");
            connection.shutdownOutput(); // again: nothing more to send
            assertEquals(-1, connection.input().read());
        }
    }

    @Test
    void overTls12ShutdownOutputEndsBothDirectionsAsTls12Says() throws Exception {
        try (EchoServer server = EchoServer.start(listenUri(), null, plain -> {
                    try (Connection secure = StartTls.server(plain, serverOptions("TLSv1.2"))) {
                        secure.setReadTimeout(BOUND);
                        secure.input().readAllBytes();
                    }
                });
                Connection connection = connect(server)) {
            assertEquals("TLSv1.2", connection.unwrap(SSLSession.class).orElseThrow().getProtocol());
            connection.output().write(bytes("hello"));
            connection.shutdownOutput();
            assertEquals(-1, connection.input().read());
        }
    }

}
