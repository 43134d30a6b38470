package dev.shuttle.internal.tls;

import static dev.shuttle.internal.tls.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.StartTls;
import dev.shuttle.testing.Bounded;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.FakeConnection;
import dev.shuttle.testing.NetworkTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@NetworkTest
class TlsOverUnixAndStartTlsTest {
    private static final TestCertificates PKI = TestCertificates.ec();

    static {
        TlsWarmUp.once();
    }

    @TempDir
    Path dir;

    private static TlsServerOptions serverOptions() {
        return TlsServerOptions.builder().certificate(PKI.server()).build();
    }

    private static TlsOptions trusting(String serverName) throws Exception {
        return TlsOptions.builder().trustStore(PKI.caStore()).serverName(serverName).build();
    }

    @Test
    void tlsOverAUnixSocketEchoesLargeDataWhileWritingAndReadingAtOnce() throws Exception {
        String uri = "unix://" + dir.resolve("tls.sock");
        try (EchoServer server = EchoServer.start(uri, serverOptions(), EchoServer.ECHO);
                Connection connection = Connector.tls(trusting("localhost")).connect(uri)) {
            assertTrue(connection.unwrap(SSLEngine.class).isPresent());
            assertEquals("TLSv1.3", connection.unwrap(SSLSession.class).orElseThrow().getProtocol());
            byte[] data = new byte[1_000_000];
            Arrays.fill(data, (byte) 'x');
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    connection.output().write(data);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] echoed = connection.input().readNBytes(data.length);
            Bounded.join(writer, "the writer of the data to echo");
            assertEquals(data.length, echoed.length);
        }
    }

    @Test
    void tlsOverAUnixSocketVerifiesTheServerName() throws Exception {
        String uri = "unix://" + dir.resolve("tls.sock");
        try (EchoServer server = EchoServer.start(uri, serverOptions(), EchoServer.ECHO)) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Connector.tls(trusting("wrong.example")).connect(uri));
            assertContains(e, "not for wrong.example");
        }
    }

    @Test
    void startTlsUpgradesAPlaintextTcpConversationOnBothSides() throws Exception {
        try (EchoServer server = EchoServer.start("tcp://127.0.0.1:0", null, TlsOverUnixAndStartTlsTest::startTlsServer);
                Connection plain = Connector.tcp().connect(server.uri())) {
            Connection secure = upgrade(plain, "localhost");
            try (secure) {
                assertTrue(secure.unwrap(javax.net.ssl.SSLEngine.class).isPresent());
                assertTrue(secure.unwrap(java.net.Socket.class).isEmpty(), "the TCP socket under TLS is not handed out");
                assertEquals("secret", TlsClientTest.echo(secure, "secret"));
            }
        }
    }

    @Test
    void startTlsUpgradesAPlaintextUnixConversationOnBothSides() throws Exception {
        String uri = "unix://" + dir.resolve("plain.sock");
        try (EchoServer server = EchoServer.start(uri, null, TlsOverUnixAndStartTlsTest::startTlsServer);
                Connection plain = Connector.unix().connect(uri)) {
            try (Connection secure = upgrade(plain, "localhost")) {
                assertTrue(secure.unwrap(SSLEngine.class).isPresent());
                assertEquals("secret", TlsClientTest.echo(secure, "secret"));
            }
        }
    }

    @Test
    void startTlsRefusesAServerNameThatIsNoHostBeforeTheHandshake() {
        // Over a connection that reads end of stream at once, a handshake would fail with an
        // SSLException or EOF: the IllegalArgumentException shows nothing was attempted.
        for (String name : new String[] {"127.1", "exa\u200Bmple.com", "a".repeat(1000) + "\u00e9"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StartTls.client(new FakeConnection("tcp://127.0.0.1:1"), name, TlsOptions.defaults()));
            assertContains(e, "serverName '" + name + "' is not a valid hostname or IP address");
        }
    }

    private static Connection upgrade(Connection plain, String name) throws Exception {
        plain.output().write("STARTTLS\n".getBytes(StandardCharsets.US_ASCII));
        byte[] ready = plain.input().readNBytes(6);
        assertEquals("READY\n", new String(ready, StandardCharsets.US_ASCII));
        return StartTls.client(plain, name, TlsOptions.builder().trustStore(PKI.caStore()).build());
    }

    private static void startTlsServer(Connection plain) throws Exception {
        String command = new BufferedReader(new InputStreamReader(plain.input(), StandardCharsets.US_ASCII), 1).readLine();
        assertEquals("STARTTLS", command);
        plain.output().write("READY\n".getBytes(StandardCharsets.US_ASCII));
        try (Connection secure = StartTls.server(plain, serverOptions())) {
            secure.input().transferTo(secure.output());
        }
    }
}
