package dev.shuttle.internal.tls;

import static dev.shuttle.internal.tls.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Resolver;
import dev.shuttle.dropin.ShuttleSslSocketFactory;
import dev.shuttle.testing.Bounded;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Names that SNI cannot carry as they are written, through every client path (the {@code tls://}
 * connector, the drop-in factory by name and layered over a socket): docker-compose's
 * {@code project_db_1} is sent no SNI, {@code db.example.com.} is sent without its trailing dot,
 * and the certificate is verified against the name either way. A SunJSSE server reports the SNI
 * each handshake carried.
 */
@NetworkTest
class ServerNameIndicationTest {
    private static final TestCertificates PKI = TestCertificates.ec();
    /** Every name resolves to 127.0.0.1, where the server listens. */
    private static final Resolver LOOPBACK = (host, family) ->
            family == StandardProtocolFamily.INET ? List.of(InetAddress.getLoopbackAddress()) : List.of();

    static {
        TlsWarmUp.once();
    }

    private final BlockingQueue<List<String>> requested = new LinkedBlockingQueue<>();
    private SSLServerSocket listener;
    private Thread serving;
    private ConnectorOptions options;

    @BeforeEach
    void listen() throws Exception {
        listener = SunJssePeers.server(PKI.issue("db", Duration.ofDays(1), "project_db_1", "db.example.com"), p -> {});
        serving = Thread.ofVirtual().start(this::serve);
        options = ConnectorOptions.builder().resolver(LOOPBACK)
                .tls(TlsOptions.builder().trustStore(PKI.caStore()).build()).build();
    }

    /** Handshakes each connection, reports the SNI it carried and echoes four bytes. */
    private void serve() {
        while (!listener.isClosed()) {
            try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                accepted.startHandshake();
                requested.add(((ExtendedSSLSession) accepted.getSession()).getRequestedServerNames().stream()
                        .map(name -> ((SNIHostName) name).getAsciiName()).toList());
                accepted.getOutputStream().write(accepted.getInputStream().readNBytes(4));
                accepted.getOutputStream().flush();
            } catch (IOException e) {
                // Closed, or a client that refused the certificate: the test checks the client's side.
            }
        }
    }

    @AfterEach
    void close() throws Exception {
        listener.close();
        Bounded.join(serving, "the SNI test server's accept loop");
    }

    private List<String> sniOfTheLastHandshake() throws InterruptedException {
        List<String> names = requested.poll(10, TimeUnit.SECONDS);
        assertNotNull(names, "the server finished a handshake");
        return names;
    }

    private static void roundTrip(Socket socket) throws IOException {
        socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ping", new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
    }

    private int port() {
        return listener.getLocalPort();
    }

    @Test
    void theTlsConnectorSendsNoSniForANameWithAnUnderscoreAndVerifiesIt() throws Exception {
        try (Connection connection = Connector.create(options).connect("tls://project_db_1:" + port())) {
            assertEquals("ping", TlsClientTest.echo(connection, "ping"));
        }
        assertEquals(List.of(), sniOfTheLastHandshake());
    }

    @Test
    void theTlsConnectorSendsAFullyQualifiedNameWithoutItsTrailingDot() throws Exception {
        try (Connection connection = Connector.create(options).connect("tls://db.example.com.:" + port())) {
            assertEquals("ping", TlsClientTest.echo(connection, "ping"));
        }
        assertEquals(List.of("db.example.com"), sniOfTheLastHandshake());
    }

    @Test
    void theFactoryConnectsByANameSniCannotCarryAndByAFullyQualifiedName() throws Exception {
        ShuttleSslSocketFactory factory = ShuttleSslSocketFactory.create(options);
        try (SSLSocket socket = (SSLSocket) factory.createSocket("project_db_1", port())) {
            roundTrip(socket);
        }
        assertEquals(List.of(), sniOfTheLastHandshake());
        try (SSLSocket socket = (SSLSocket) factory.createSocket("db.example.com.", port())) {
            roundTrip(socket);
        }
        assertEquals(List.of("db.example.com"), sniOfTheLastHandshake());
    }

    @Test
    void theFactoryLayersOverASocketForSuchNames() throws Exception {
        ShuttleSslSocketFactory factory = ShuttleSslSocketFactory.create(options);
        for (String name : List.of("project_db_1", "db.example.com.")) {
            Socket plain = new Socket(InetAddress.getLoopbackAddress(), port());
            try (SSLSocket socket = (SSLSocket) factory.createSocket(plain, name, port(), true)) {
                roundTrip(socket);
            }
        }
        assertEquals(List.of(), sniOfTheLastHandshake());
        assertEquals(List.of("db.example.com"), sniOfTheLastHandshake());
    }

    @Test
    void aNameSentNoSniIsStillVerifiedAgainstTheCertificate() throws Exception {
        ShuttleSslSocketFactory factory = ShuttleSslSocketFactory.create(options);
        Socket plain = new Socket(InetAddress.getLoopbackAddress(), port());
        try (SSLSocket socket = (SSLSocket) factory.createSocket(plain, "other_db_1", port(), true)) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, socket::startHandshake);
            assertContains(e, "is for [project_db_1, db.example.com], not for other_db_1");
        }
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> Connector.create(options).connect("tls://other.example.com.:" + port()));
        assertContains(e, "not for other.example.com.");
    }
}
