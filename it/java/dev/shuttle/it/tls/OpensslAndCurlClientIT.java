package dev.shuttle.it.tls;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.TlsServerOptions;
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
            serving.join();
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
