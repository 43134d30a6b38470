package dev.shuttle.internal.cli;

import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.tls.TestCertificates;
import dev.shuttle.testing.NetworkTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@NetworkTest
class TlsCommandsTest {
    static {
        dev.shuttle.internal.tls.TlsWarmUp.once();
    }

    @TempDir
    Path dir;

    @Test
    void connectWithCafileAndVerboseShowsTheTlsSessionAndCopiesTheReply() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        Path ca = TestCertificates.writePem(dir.resolve("ca.pem"), pki.ca());
        ServerOptions options = ServerOptions.builder()
                .tls(TlsServerOptions.builder().certificate(pki.server()).applicationProtocols("h2").build()).build();
        try (Server server = Server.listen("tls://127.0.0.1:0", options)) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> connection.output().write("greetings\n".getBytes(StandardCharsets.US_ASCII)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(new String[] {"connect", "--cafile", ca.toString(), "--alpn", "h2", "--verbose",
                    server.address().toString()}, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true),
                    new PrintStream(err, true));
            server.close();
            Bounded.join(serving);
            String errors = err.toString(StandardCharsets.UTF_8);
            assertEquals(Main.OK, status, errors);
            assertEquals("greetings\n", out.toString(StandardCharsets.UTF_8));
            assertTrue(errors.contains("TLS TLSv1.3, TLS_AES_128_GCM_SHA256"), errors);
            assertTrue(errors.contains("ALPN h2, peer CN=localhost, expires "), errors);
        }
    }

    /**
     * The server answers only after its input ends: over TLS 1.3 the CLI's close_notify at the end
     * of its standard input is that end, and the CLI still reads the answer and exits (it used to
     * wait for ever, TLS over TCP having had no half-close).
     */
    @Test
    void connectOverTlsHalfClosesWhenStandardInputEndsAndPrintsTheAnswer() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        Path ca = TestCertificates.writePem(dir.resolve("ca.pem"), pki.ca());
        ServerOptions options = ServerOptions.builder().tls(TlsServerOptions.builder().certificate(pki.server()).build()).build();
        try (Server server = Server.listen("tls://127.0.0.1:0", options)) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> {
                        byte[] request = connection.input().readAllBytes();
                        connection.output().write(("read " + request.length + " bytes\n").getBytes(StandardCharsets.US_ASCII));
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int[] status = new int[1];
            Thread cli = Thread.ofVirtual().start(() -> status[0] = Main.run(new String[] {"connect", "--cafile", ca.toString(),
                    server.address().toString()}, new ByteArrayInputStream("hello\n".getBytes(StandardCharsets.US_ASCII)),
                    new PrintStream(out, true), new PrintStream(err, true)));
            assertTrue(cli.join(java.time.Duration.ofSeconds(20)), "the CLI did not exit after its standard input ended");
            server.close();
            Bounded.join(serving, "serve()");
            assertEquals(Main.OK, status[0], err.toString(StandardCharsets.UTF_8));
            assertEquals("read 6 bytes\n", out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void listenOnTlsWithoutACertificateServesASelfSignedOneWhosePemItNames() throws Exception {
        Process process = dev.shuttle.testing.ChildJvm.builder(Main.class.getName(), "listen", "tls://127.0.0.1:0").start();
        try {
            java.io.BufferedReader lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
            String notice = lines.readLine();
            assertTrue(notice != null && notice.contains("clients can trust it with --cafile "), String.valueOf(notice));
            Path pem = Path.of(notice.substring(notice.indexOf("--cafile ") + "--cafile ".length()));
            String ready = lines.readLine();
            assertTrue(ready != null && ready.startsWith("Listening on tls://127.0.0.1:"), String.valueOf(ready));
            int port = Integer.parseInt(ready.substring(ready.lastIndexOf(':') + 1));
            dev.shuttle.Connector connector = dev.shuttle.Connector.create(dev.shuttle.ConnectorOptions.builder()
                    .tls(dev.shuttle.tls.TlsOptions.builder().trustPem(pem).build()).build());
            try (dev.shuttle.Connection connection = connector.connect("tls://localhost:" + port)) {
                connection.output().write("ping".getBytes(StandardCharsets.US_ASCII));
                assertEquals("ping", new String(connection.input().readNBytes(4), StandardCharsets.US_ASCII));
            }
        } finally {
            process.destroy();
            assertTrue(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            process.getErrorStream().close();
            process.getInputStream().close();
            process.getOutputStream().close();
        }
    }

    @Test
    void connectWithoutCafileRefusesAnUnknownCaWithAClearMessage() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        ServerOptions options = ServerOptions.builder().errorHandler(e -> { })
                .tls(TlsServerOptions.builder().certificate(pki.server()).build()).build();
        try (Server server = Server.listen("tls://127.0.0.1:0", options)) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> connection.input().read());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(new String[] {"connect", server.address().toString()}, new ByteArrayInputStream(new byte[0]),
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
            server.close();
            Bounded.join(serving);
            assertEquals(Main.FAILED, status);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("not trusted"), err::toString);
        }
    }
}
