package dev.shuttle.it.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.internal.tls.TestCertificates;
import dev.shuttle.testing.NetworkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Shuttle's TLS client against {@code openssl s_server}. */
@NetworkTest
class OpensslServerIT {
    @TempDir
    Path dir;

    private List<String> sServer(TestCertificates pki, int port, String... extra) throws Exception {
        TlsCertificate server = pki.server();
        Path cert = TestCertificates.writePem(dir.resolve("server.pem"), server.chain());
        Path key = TestCertificates.writePkcs8Key(dir.resolve("server.key"), server.privateKey());
        List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", cert.toString(), "-key", key.toString(), "-rev", "-quiet"));
        command.addAll(List.of(extra));
        return command;
    }

    private static TlsOptions trusting(TestCertificates pki) throws Exception {
        return TlsOptions.builder().trustStore(pki.caStore()).build();
    }

    private static String roundTrip(Connection connection) throws Exception {
        connection.output().write("hello\n".getBytes(StandardCharsets.US_ASCII));
        return new String(connection.input().readNBytes(5), StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"RSA, TLSv1.3, -tls1_3", "RSA, TLSv1.2, -tls1_2", "EC, TLSv1.3, -tls1_3", "EC, TLSv1.2, -tls1_2"})
    void clientTalksToOpensslWithRsaAndEcCertificates(TestCertificates.KeyType type, String protocol, String flag) throws Exception {
        TestCertificates pki = TestCertificates.of(type);
        int port = Peer.freePort();
        try (Peer ignored = Peer.server(dir, port, sServer(pki, port, flag));
                Connection connection = Connector.tls(trusting(pki)).connect("tls://127.0.0.1:" + port)) {
            assertEquals("olleh", roundTrip(connection));
            assertEquals(protocol, connection.unwrap(SSLSession.class).orElseThrow().getProtocol());
        }
    }

    /**
     * openssl's server asks for a TLS 1.3 key update: Shuttle's client must take the new key for what
     * it reads and send its own update before it writes again, or openssl cannot read what follows.
     * (openssl's interactive server: what it is typed goes to the client, what it reads it prints.)
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void clientFollowsOpensslsKeyUpdates(String suite) throws Exception {
        TestCertificates pki = TestCertificates.ec();
        TlsCertificate certificate = pki.server();
        Path cert = TestCertificates.writePem(dir.resolve("server.pem"), certificate.chain());
        Path key = TestCertificates.writePkcs8Key(dir.resolve("server.key"), certificate.privateKey());
        int port = Peer.freePort();
        // stdbuf: openssl's server prints some lines with stdio, which a file would hold back until exit.
        try (Peer server = Peer.server(dir, port, List.of("stdbuf", "-oL", "openssl", "s_server", "-accept", "127.0.0.1:" + port,
                        "-cert", cert.toString(), "-key", key.toString(), "-tls1_3", "-ciphersuites", suite));
                Connection connection = Connector.tls(trusting(pki)).connect("tls://127.0.0.1:" + port)) {
            assertEquals(suite, connection.unwrap(SSLSession.class).orElseThrow().getCipherSuite());
            byte[] expected = "from-openssl\n".getBytes(StandardCharsets.US_ASCII);
            server.type("from-openssl");
            assertEquals("from-openssl\n", new String(connection.input().readNBytes(expected.length), StandardCharsets.US_ASCII));
            server.type("K");
            server.awaitOutput("SSL_do_handshake -> 1"); // openssl's server says so when it has sent the update
            server.type("after-update-sent");
            byte[] after = "after-update-sent\n".getBytes(StandardCharsets.US_ASCII);
            assertEquals("after-update-sent\n", new String(connection.input().readNBytes(after.length), StandardCharsets.US_ASCII));
            // Shuttle has read the update, which asked for one back: its next write renews its own key.
            connection.output().write("after-update-requested\n".getBytes(StandardCharsets.US_ASCII));
            server.awaitOutput("after-update-requested");
        }
    }

    @Test
    void clientNegotiatesAlpnWithOpenssl() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        int port = Peer.freePort();
        try (Peer ignored = Peer.server(dir, port, sServer(pki, port, "-alpn", "h2"));
                Connection connection = Connector.tls(trusting(pki).toBuilder().applicationProtocols("h2", "http/1.1").build())
                        .connect("tls://127.0.0.1:" + port)) {
            assertEquals("h2", connection.unwrap(javax.net.ssl.SSLEngine.class).orElseThrow().getApplicationProtocol());
        }
    }

    @Test
    void clientPresentsItsCertificateWhenOpensslRequiresOne() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        Path ca = TestCertificates.writePem(dir.resolve("ca.pem"), pki.ca());
        int port = Peer.freePort();
        try (Peer ignored = Peer.server(dir, port, sServer(pki, port, "-Verify", "1", "-CAfile", ca.toString()))) {
            try (Connection connection = Connector.tls(trusting(pki).toBuilder().clientCertificate(pki.client()).build())
                    .connect("tls://127.0.0.1:" + port)) {
                assertEquals("olleh", roundTrip(connection));
            }
        }
    }

    @Test
    void aTls10OnlyServerIsRefusedWithAClearError() throws Exception {
        TestCertificates pki = TestCertificates.rsa();
        int port = Peer.freePort();
        try (Peer ignored = Peer.server(dir, port, sServer(pki, port, "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> Connector.tls(trusting(pki)).connect("tls://127.0.0.1:" + port));
            assertTrue(e.getMessage().contains("protocol"), e::getMessage);
        }
    }
}
