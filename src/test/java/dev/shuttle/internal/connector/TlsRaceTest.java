package dev.shuttle.internal.connector;

import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Resolver;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.tls.TestCertificates;
import dev.shuttle.internal.tls.TlsWarmUp;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * For {@code tls://} an attempt of the race is TCP and the handshake: an address whose TLS fails
 * loses the race instead of failing the connect.
 */
@NetworkTest
class TlsRaceTest {
    private static final Resolver DUAL = (host, family) -> List.of(InetAddress.ofLiteral(
            family == StandardProtocolFamily.INET6 ? "::1" : "127.0.0.1"));

    private final List<Server> servers = new ArrayList<>();
    private final List<Thread> serving = new ArrayList<>();

    @BeforeAll
    static void warmUp() {
        TlsWarmUp.once();
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Server server : servers) {
            server.close();
        }
        for (Thread thread : serving) {
            Bounded.join(thread);
        }
    }

    /** Serves TLS with one certificate on ::1 and another on 127.0.0.1, on one port; returns the port. */
    private int serve(TlsCertificate onIpv6, TlsCertificate onIpv4) throws IOException {
        for (int tries = 0; ; tries++) {
            Server v6 = listen("tls://[::1]:0", onIpv6);
            try {
                Server v4 = listen("tls://127.0.0.1:" + v6.address().port(), onIpv4);
                start(v6);
                start(v4);
                return v6.address().port();
            } catch (BindException taken) {
                v6.close();
                servers.remove(v6);
                if (tries == 10) {
                    throw taken;
                }
            }
        }
    }

    private Server listen(String uri, TlsCertificate certificate) throws IOException {
        Server server = Server.listen(uri, ServerOptions.builder()
                .tls(TlsServerOptions.builder().certificate(certificate).build())
                .errorHandler(error -> { })
                .build());
        servers.add(server);
        return server;
    }

    private void start(Server server) {
        serving.add(Thread.ofVirtual().start(() -> {
            try {
                server.serve(connection -> connection.output().write(7));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }

    private static Connector connector() throws Exception {
        return Connector.create(ConnectorOptions.builder()
                .resolver(DUAL)
                .tls(TlsOptions.builder().trustStore(TestCertificates.ec().caStore()).build())
                .build());
    }

    @Test
    void anAddressWhoseHandshakeFailsLosesTheRaceAndAnotherWins() throws Exception {
        TestCertificates certificates = TestCertificates.ec();
        int port = serve(certificates.issue("wrong", Duration.ofDays(1), "other.example"),
                certificates.issue("dual", Duration.ofDays(1), "dual.test"));
        try (Connection connection = connector().connect("tls://dual.test:" + port)) {
            assertEquals("tls://127.0.0.1:" + port, connection.remoteAddress().toString());
            assertEquals(7, connection.input().read());
            assertTrue(connection.unwrap(SSLSession.class).isPresent());
            connection.shutdownOutput(); // TLS 1.3 half-close: close_notify, and reads go on
        }
    }

    @Test
    void aSelfSignedCertificateServesTlsToAClientTrustingIt() throws Exception {
        TlsCertificate certificate = TlsCertificate.selfSigned("localhost", "127.0.0.1");
        Server server = listen("tls://127.0.0.1:0", certificate);
        start(server);
        Connector connector = Connector.create(ConnectorOptions.builder()
                .tls(TlsOptions.builder().trustCertificates(certificate.chain()).build())
                .build());
        try (Connection connection = connector.connect("tls://localhost:" + server.address().port())) {
            assertEquals(7, connection.input().read());
        }
        IllegalArgumentException noName = assertThrows(IllegalArgumentException.class, TlsCertificate::selfSigned);
        assertEquals("a self-signed certificate needs at least one name", noName.getMessage());
    }

    @Test
    void whenEveryHandshakeFailsTheTlsFailureIsWhatTheCallerSees() throws Exception {
        TestCertificates certificates = TestCertificates.ec();
        TlsCertificate wrong = certificates.issue("wrong", Duration.ofDays(1), "other.example");
        int port = serve(wrong, wrong);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> connector().connect("tls://dual.test:" + port).close());
        assertTrue(e.getMessage().startsWith("Connection to tls://dual.test:" + port + " failed after 2 attempts: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("other.example"), e.getMessage());
        assertEquals(2, e.getSuppressed().length);
    }
}
