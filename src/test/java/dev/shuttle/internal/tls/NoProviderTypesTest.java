package dev.shuttle.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No BouncyCastle type reaches a user, as the exception thrown or anywhere among its causes and
 * suppressed exceptions, on either side of a failing TLS connection: the handshake failures a
 * client and a server meet, each seen from both ends.
 */
@NetworkTest
class NoProviderTypesTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final List<Throwable> serverSaw = new CopyOnWriteArrayList<>();
    private final List<Server> servers = new ArrayList<>();
    private final List<Thread> serving = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        servers.forEach(Server::close);
        for (Thread thread : serving) {
            assertTrue(thread.join(PATIENCE), "serve did not end");
        }
    }

    private Server serve(TlsServerOptions tls) throws IOException {
        Server server = Server.listen("tls://127.0.0.1:0", ServerOptions.builder().tls(tls).errorHandler(serverSaw::add).build());
        servers.add(server);
        serving.add(Thread.ofVirtual().start(() -> {
            try {
                server.serve(connection -> {
                    connection.output().write('x');
                    connection.output().flush();
                    connection.input().read();
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        return server;
    }

    /** Connects, and reads once if the connect succeeds: what the client meets either way. */
    private static IOException clientFailure(Connector connector, Server server) {
        return assertThrows(IOException.class, () -> {
            try (Connection connection = connector.connect(server.address().toString())) {
                connection.setReadTimeout(PATIENCE);
                while (connection.input().read() >= 0) {
                    // until the failure
                }
                throw new IOException("the connection ended without a failure");
            }
        });
    }

    /** Fails when the failure, a cause or a suppressed exception of it is of a BouncyCastle type. */
    static void assertNoProviderType(Throwable failure) {
        List<String> leaked = new ArrayList<>();
        walk(failure, leaked, new ArrayList<>());
        assertEquals(List.of(), leaked, () -> "provider types in " + stackOf(failure));
    }

    private static void walk(Throwable failure, List<String> leaked, List<Throwable> seen) {
        if (failure == null || seen.stream().anyMatch(s -> s == failure)) {
            return;
        }
        seen.add(failure);
        if (failure.getClass().getName().startsWith("org.bouncycastle")) {
            leaked.add(failure.getClass().getName() + ": " + failure.getMessage());
        }
        walk(failure.getCause(), leaked, seen);
        for (Throwable suppressed : failure.getSuppressed()) {
            walk(suppressed, leaked, seen);
        }
    }

    private static String stackOf(Throwable failure) {
        java.io.StringWriter text = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private void assertServerSawOnlyOwnTypes() {
        await().atMost(PATIENCE).until(() -> !serverSaw.isEmpty());
        serverSaw.forEach(NoProviderTypesTest::assertNoProviderType);
    }

    @Test
    void anUntrustedServerCertificate() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        Server server = serve(TlsServerOptions.builder().certificate(pki.server()).build());
        Connector untrusting = Connector.tls(TlsOptions.builder().trustStore(TestCertificates.another(
                TestCertificates.KeyType.EC).caStore()).build());
        assertNoProviderType(clientFailure(untrusting, server));
        assertServerSawOnlyOwnTypes();
    }

    @Test
    void aClientWithoutTheCertificateTheServerRequires() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        Server server = serve(TlsServerOptions.builder().certificate(pki.server())
                .clientAuth(TlsServerOptions.ClientAuth.REQUIRED).trustStore(pki.caStore()).build());
        Connector anonymous = Connector.tls(TlsOptions.builder().trustStore(pki.caStore()).build());
        assertNoProviderType(clientFailure(anonymous, server));
        assertServerSawOnlyOwnTypes();
    }

    @Test
    void aClientWithAnUntrustedCertificate() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        TestCertificates stranger = TestCertificates.another(TestCertificates.KeyType.EC);
        Server server = serve(TlsServerOptions.builder().certificate(pki.server())
                .clientAuth(TlsServerOptions.ClientAuth.REQUIRED).trustStore(pki.caStore()).build());
        Connector strange = Connector.tls(TlsOptions.builder().trustStore(pki.caStore())
                .clientCertificate(stranger.client()).build());
        assertNoProviderType(clientFailure(strange, server));
        assertServerSawOnlyOwnTypes();
    }

    @Test
    void noProtocolInCommon() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        Server server = serve(TlsServerOptions.builder().certificate(pki.server()).protocols("TLSv1.3").build());
        Connector old = Connector.tls(TlsOptions.builder().trustStore(pki.caStore()).protocols("TLSv1.2").build());
        assertNoProviderType(clientFailure(old, server));
        assertServerSawOnlyOwnTypes();
    }
}
