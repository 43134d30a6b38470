package dev.shuttle.it.tls;

import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.tls.TestCertificates;
import dev.shuttle.testing.NetworkTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code openssl s_client} and {@code curl} against Shuttle's TLS server. */
@NetworkTest
class OpensslAndCurlClientIT {
    private static final TestCertificates PKI = TestCertificates.ec();

    @TempDir
    Path dir;

    private static TlsServerOptions twoNames() {
        return TlsServerOptions.builder()
                .certificate(PKI.server())
                .certificate(PKI.issue("named.example", Duration.ofDays(1), "named.example"))
                .build();
    }

    private static void serveInBackground(Server server, dev.shuttle.ConnectionHandler handler, Runnable body) throws Exception {
        Thread serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve(handler);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            body.run();
        } finally {
            server.close();
            Bounded.join(serving);
        }
    }

    @Test
    void opensslClientVerifiesShuttlesCertificateChosenBySni() throws Exception {
        Path ca = TestCertificates.writePem(dir.resolve("ca.pem"), PKI.ca());
        try (Server server = Server.listen("tls://127.0.0.1:0", ServerOptions.builder().tls(twoNames()).build())) {
            String[] output = new String[1];
            serveInBackground(server, c -> c.input().transferTo(c.output()), () -> {
                try {
                    output[0] = Peer.run(dir, "ping\n", List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.address().port(),
                            "-servername", "named.example", "-verify_hostname", "named.example", "-CAfile", ca.toString(),
                            "-verify_return_error", "-brief"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(output[0].contains("Verification: OK"), output[0]);
            assertTrue(output[0].contains("CN = named.example"), output[0]);
        }
    }

    /**
     * A TLS 1.3 key update from openssl, asking for one back: Shuttle's server must take the new key
     * for what it reads, and renew its own before it writes again (RFC 8446 section 4.6.3), or
     * openssl cannot read the echo that follows. Both AES-GCM suites and ChaCha20-Poly1305, since
     * Shuttle encrypts AES-GCM records itself.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void shuttlesServerFollowsOpensslsKeyUpdates(String suite) throws Exception {
        Path ca = TestCertificates.writePem(dir.resolve("ca.pem"), PKI.ca());
        try (Server server = Server.listen("tls://127.0.0.1:0", ServerOptions.builder().tls(twoNames()).build())) {
            serveInBackground(server, c -> c.input().transferTo(c.output()), () -> {
                try (Peer client = Peer.start(dir, List.of("openssl", "s_client", "-connect",
                        "127.0.0.1:" + server.address().port(), "-CAfile", ca.toString(), "-verify_return_error",
                        "-tls1_3", "-ciphersuites", suite))) {
                    client.type("before-any-update");
                    client.awaitOutput("before-any-update");
                    // openssl takes a command only as a line of its own: wait until it has done each.
                    client.type("K");
                    client.awaitOutput("KEYUPDATE", 1);
                    client.type("after-update-requested");
                    client.awaitOutput("after-update-requested");
                    client.type("k");
                    client.awaitOutput("KEYUPDATE", 2);
                    client.type("after-update-not-requested");
                    client.awaitOutput("after-update-not-requested");
                    String output = client.output();
                    assertTrue(output.contains("Cipher is " + suite), output);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @Test
    void curlFetchesFromShuttlesTlsServerWithCacert() throws Exception {
        Path ca = TestCertificates.writePem(dir.resolve("ca.pem"), PKI.ca());
        try (Server server = Server.listen("tls://127.0.0.1:0", ServerOptions.builder().tls(twoNames()).build())) {
            String[] output = new String[1];
            int port = server.address().port();
            serveInBackground(server, OpensslAndCurlClientIT::httpHello, () -> {
                try {
                    output[0] = Peer.run(dir, "", List.of("curl", "-sS", "--max-time", "10", "--cacert", ca.toString(),
                            "--resolve", "named.example:" + port + ":127.0.0.1", "https://named.example:" + port + "/"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(output[0].contains("hello from shuttle"), output[0]);
        }
    }

    private static void httpHello(Connection connection) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(connection.input(), StandardCharsets.US_ASCII));
        String line;
        while ((line = reader.readLine()) != null && !line.isEmpty()) {
            // Skip the request head.
        }
        byte[] body = "hello from shuttle\n".getBytes(StandardCharsets.US_ASCII);
        connection.output().write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        connection.output().write(body);
    }
}
