package dev.shuttle.internal.tls;

import static dev.shuttle.internal.tls.Messages.assertContains;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.testing.Bounded;
import java.util.List;
import dev.shuttle.Connector;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.tls.TlsServerOptions.ClientAuth;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

@NetworkTest
class TlsServerTest {
    private static final TestCertificates PKI = TestCertificates.ec();

    static {
        TlsWarmUp.once();
    }

    private static TlsOptions trustingCa() throws Exception {
        return TlsOptions.builder().trustStore(PKI.caStore()).build();
    }

    @ParameterizedTest(name = "{0} certificate over {1}")
    @CsvSource({"RSA, TLSv1.3", "RSA, TLSv1.2", "EC, TLSv1.3", "EC, TLSv1.2"})
    void serverAndClientAgreeOnRsaAndEcCertificatesWithTls13And12(TestCertificates.KeyType type, String protocol) throws Exception {
        TestCertificates pki = TestCertificates.of(type);
        TlsServerOptions tls = TlsServerOptions.builder().certificate(pki.server()).protocols(protocol).build();
        try (EchoServer server = EchoServer.tls(tls);
                Connection connection = Connector.tls(TlsOptions.builder().trustStore(pki.caStore()).build()).connect(server.uri())) {
            assertEquals("bulk", TlsClientTest.echo(connection, "bulk"));
            assertEquals(protocol, connection.unwrap(SSLSession.class).orElseThrow().getProtocol());
        }
    }

    @Test
    void aSilentClientDoesNotDelayOthersAndIsDroppedAtTheHandshakeTimeout() throws Exception {
        TlsServerOptions tls = TlsServerOptions.builder().certificate(PKI.server()).handshakeTimeout(Duration.ofMillis(300)).build();
        try (EchoServer server = EchoServer.tls(tls); Socket silent = TlsClientTest.connectedSocket(server)) {
            try (Connection connection = Connector.tls(trustingCa()).connect(server.uri())) {
                assertEquals("not blocked", TlsClientTest.echo(connection, "not blocked"));
            }
            assertEquals(-1, silent.getInputStream().read(), "the server closes the silent client");
            await().atMost(Duration.ofSeconds(5)).until(() -> !server.errors().isEmpty());
            Throwable error = server.errors().getFirst();
            assertInstanceOf(SocketTimeoutException.class, error);
            assertContains(error, "did not finish within 300 ms");
        }
    }

    @Test
    void aFailedHandshakeGoesToTheErrorHandlerAndTheServerKeepsServing() throws Exception {
        try (EchoServer server = EchoServer.tls(TlsServerOptions.builder().certificate(PKI.server()).build())) {
            assertThrows(SSLHandshakeException.class, () -> Connector.tls(TlsOptions.defaults()).connect(server.uri()));
            await().atMost(Duration.ofSeconds(5)).until(() -> !server.errors().isEmpty());
            assertInstanceOf(SSLHandshakeException.class, server.errors().getFirst());
            assertContains(server.errors().getFirst(), "TLS handshake with client tls://127.0.0.1:", "of " + server.uri());
            try (Connection connection = Connector.tls(trustingCa()).connect(server.uri())) {
                assertEquals("still serving", TlsClientTest.echo(connection, "still serving"));
            }
        }
    }

    @Test
    void requiredClientAuthenticationAcceptsATrustedClientCertificateAndRefusesNone() throws Exception {
        TlsServerOptions tls = TlsServerOptions.builder().certificate(PKI.server()).clientAuth(ClientAuth.REQUIRED)
                .trustStore(PKI.caStore()).build();
        try (EchoServer server = EchoServer.start("tls://127.0.0.1:0", tls,
                connection -> connection.output().write(connection.unwrap(SSLSession.class).orElseThrow().getPeerPrincipal()
                        .getName().getBytes(StandardCharsets.UTF_8)))) {
            try (Connection connection = Connector.tls(trustingCa().toBuilder().clientCertificate(PKI.client()).build())
                    .connect(server.uri())) {
                assertEquals("CN=shuttle-client", new String(connection.input().readAllBytes(), StandardCharsets.UTF_8));
            }
            IOException refused = assertThrows(IOException.class, () -> {
                try (Connection connection = Connector.tls(trustingCa()).connect(server.uri())) {
                    connection.input().read();
                }
            });
            assertContains(refused, "certificate");
        }
    }

    @Test
    void requiredClientAuthenticationAcceptsAClientChainThatStillEndsInAnExpiredCrossSign() throws Exception {
        TlsServerOptions tls = TlsServerOptions.builder().certificate(PKI.server()).clientAuth(ClientAuth.REQUIRED)
                .trustStore(PKI.caStore()).build();
        TlsCertificate issued = PKI.issueThroughIntermediate(Duration.ofDays(10), "shuttle-long-chain-client");
        List<X509Certificate> longChain = new java.util.ArrayList<>(issued.chain());
        longChain.add(PKI.expiredCrossSign());
        TlsCertificate client = TlsCertificate.of(longChain, issued.privateKey());
        try (EchoServer server = EchoServer.start("tls://127.0.0.1:0", tls,
                connection -> connection.output().write(connection.unwrap(SSLSession.class).orElseThrow().getPeerPrincipal()
                        .getName().getBytes(StandardCharsets.UTF_8)));
                Connection connection = Connector.tls(trustingCa().toBuilder().clientCertificate(client).build())
                        .connect(server.uri())) {
            assertEquals("CN=shuttle-long-chain-client", new String(connection.input().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(List.of(), server.errors());
        }
    }

    @Test
    void aRefusedClientCertificateNamesTheServersTrustedCaFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path caFile = TestCertificates.writePem(dir.resolve("client-ca.pem"), TestCertificates.rsa().ca());
        TlsServerOptions tls = TlsServerOptions.builder().certificate(PKI.server()).clientAuth(ClientAuth.REQUIRED)
                .trustPem(caFile).build();
        assertContains(new AssertionError(tls.toString()), "trust=" + caFile);
        try (EchoServer server = EchoServer.tls(tls)) {
            assertThrows(IOException.class, () -> {
                try (Connection connection = Connector.tls(trustingCa().toBuilder().clientCertificate(PKI.client()).build())
                        .connect(server.uri())) {
                    connection.input().read();
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> !server.errors().isEmpty());
            assertContains(server.errors().getFirst(), "not trusted", "which is not in the trusted CA file " + caFile);
        }
    }

    @Test
    void trustingTheJdkDefaultTrustStoreForClientsRefusesAPrivateCaAndSaysSo() throws Exception {
        TlsServerOptions tls = TlsServerOptions.builder().certificate(PKI.server()).clientAuth(ClientAuth.REQUIRED)
                .trustJdkDefaultTrustStore().build();
        try (EchoServer server = EchoServer.tls(tls)) {
            assertThrows(IOException.class, () -> {
                try (Connection connection = Connector.tls(trustingCa().toBuilder().clientCertificate(PKI.client()).build())
                        .connect(server.uri())) {
                    connection.input().read();
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> !server.errors().isEmpty());
            assertContains(server.errors().getFirst(), "not trusted", "the JDK's default trust store");
        }
    }

    @Test
    void wantedClientAuthenticationServesAClientWithoutCertificate() throws Exception {
        TlsServerOptions tls = TlsServerOptions.builder().certificate(PKI.server()).clientAuth(ClientAuth.WANTED)
                .trustStore(PKI.caStore()).build();
        try (EchoServer server = EchoServer.tls(tls);
                Connection connection = Connector.tls(trustingCa()).connect(server.uri())) {
            assertEquals("anonymous", TlsClientTest.echo(connection, "anonymous"));
        }
    }

    @Test
    void aClientWithoutSniGetsTheFirstCertificate() throws Exception {
        TlsServerOptions sni = TlsServerOptions.builder()
                .certificate(PKI.server())
                .certificate(PKI.issue("other", Duration.ofDays(1), "other.example"))
                .build();
        try (EchoServer server = EchoServer.tls(sni);
                Connection connection = Connector.tls(trustingCa()).connect(server.uri())) {
            assertEquals("CN=localhost", connection.unwrap(SSLSession.class).orElseThrow().getPeerPrincipal().getName());
        }
    }

    @Test
    void plaintextPeerOnATlsConnectFailsFastSayingItIsNotTls() throws Exception {
        try (ServerSocket plaintext = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread peer = Thread.ofVirtual().start(() -> {
                try (Socket socket = plaintext.accept(); OutputStream out = socket.getOutputStream()) {
                    out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getInputStream().readAllBytes();
                } catch (IOException ignored) {
                    // The client hung up.
                }
            });
            long start = System.nanoTime();
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> Connector.tls(trustingCa()).connect("tls://127.0.0.1:" + plaintext.getLocalPort()));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "fails fast");
            assertContains(e, "does not speak TLS");
            Bounded.join(peer, "the plaintext peer");
        }
    }

    @Test
    void aPeerClosingDuringTheHandshakeIsReportedAsSuch() throws Exception {
        try (ServerSocket closing = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread peer = Thread.ofVirtual().start(() -> {
                try (Socket socket = closing.accept()) {
                    socket.getInputStream().read();
                } catch (IOException ignored) {
                    // Closing is the point.
                }
            });
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> Connector.tls(trustingCa()).connect("tls://127.0.0.1:" + closing.getLocalPort()));
            assertContains(e, "closed the connection during the handshake");
            Bounded.join(peer, "the peer closing during the handshake");
        }
    }

    @Test
    void listeningOnTlsWithoutCertificateIsRefusedBeforeBinding() {
        assertContains(assertThrows(IllegalArgumentException.class, () -> Server.listen("tls://127.0.0.1:0")), "certificate");
        ServerOptions tcpWithTls = ServerOptions.builder().tls(TlsServerOptions.builder().certificate(PKI.server()).build()).build();
        assertContains(assertThrows(IllegalArgumentException.class, () -> Server.listen("tcp://127.0.0.1:0", tcpWithTls)), "tls://");
    }

    @Test
    void acceptRunsTheHandshakeInTheCallersThread() throws Exception {
        ServerOptions options = ServerOptions.builder().tls(TlsServerOptions.builder().certificate(PKI.server()).build()).build();
        try (Server server = Server.listen("tls://127.0.0.1:0", options)) {
            Thread client = Thread.ofVirtual().start(() -> {
                try (Connection connection = Connector.tls(trustingCa()).connect(server.address().toString())) {
                    connection.output().write(7);
                    connection.input().read();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Connection accepted = server.accept()) {
                assertTrue(accepted.unwrap(SSLSession.class).isPresent());
                assertEquals(7, accepted.input().read());
                accepted.output().write(8);
            }
            Bounded.join(client, "the TLS client of accept()");
            assertEquals("tls", server.address().scheme().text());
        }
    }

    @Test
    void serveWhenReadableServesTlsConnectionsOnTheirOwnThreads() throws Exception {
        List<Throwable> errors = serveEchoWhenReadable(null, (connection, reported) -> {
            assertEquals("one", TlsClientTest.echo(connection, "one"));
            assertEquals("two", TlsClientTest.echo(connection, "two"));
        });
        assertEquals(List.of(), errors);
    }

    @Test
    void serveWhenReadableOverTlsAppliesTheReadTimeoutOnlyInsideACallNotBetweenMessages() throws Exception {
        List<Throwable> errors = serveEchoWhenReadable(Duration.ofMillis(200), (connection, reported) -> {
            assertEquals("one", TlsClientTest.echo(connection, "one"));
            // Idle for longer than the read timeout: on a selector that costs nothing, nor here.
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(reported::isEmpty);
            assertEquals("two", TlsClientTest.echo(connection, "two"));
        });
        assertEquals(List.of(), errors);
    }

    private interface Client {
        void talk(Connection connection, List<Throwable> reported) throws Exception;
    }

    /**
     * Runs a TLS echo server under {@code serveWhenReadable}, its handler setting the read
     * timeout (if given) at each call, while the client talks to it. {@return the errors reported}
     */
    private static List<Throwable> serveEchoWhenReadable(Duration readTimeout, Client client) throws Exception {
        TlsServerOptions tls = TlsServerOptions.builder().certificate(PKI.server()).build();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Server server = Server.listen("tls://127.0.0.1:0", ServerOptions.builder().tls(tls).errorHandler(errors::add).build())) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serveWhenReadable(connection -> {
                        if (readTimeout != null) {
                            connection.setReadTimeout(readTimeout); // for the rest of a message
                        }
                        byte[] buffer = new byte[256];
                        int n = connection.input().read(buffer);
                        if (n < 0) {
                            return false;
                        }
                        connection.output().write(buffer, 0, n);
                        return true;
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try (Connection connection = Connector.tls(trustingCa()).connect(server.address().toString())) {
                client.talk(connection, errors);
            }
            server.close();
            Bounded.join(serving, "serve()");
        }
        return errors;
    }
}
