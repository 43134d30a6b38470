package dev.shuttle.reload;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.tls.TestCertificates;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.PeerServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS server takes new certificates without a restart: new handshakes present them, open
 * connections go on as they were, and a bad new file is reported, naming it, with the old
 * certificate kept.
 */
@NetworkTest
class CertificateReloadTest {
    private static final TlsCertificate OLD = TlsCertificate.selfSigned("app.test", "127.0.0.1");
    private static final TlsCertificate NEW = TlsCertificate.selfSigned("app.test", "127.0.0.1");

    @TempDir
    Path directory;

    private final Connector client = Connector.create(ConnectorOptions.builder().connectTimeout(Duration.ofSeconds(20))
            .tls(TlsOptions.builder().trustCertificates(List.of(OLD.chain().getFirst(), NEW.chain().getFirst())).build())
            .build());

    private Path chain() {
        return directory.resolve("server.crt");
    }

    private Path key() {
        return directory.resolve("server.key");
    }

    /** Writes a certificate to the files, each a second newer than before, as a renewal would. */
    private void write(TlsCertificate certificate) throws Exception {
        TestCertificates.writePem(chain(), certificate.chain());
        TestCertificates.writePkcs8Key(key(), certificate.privateKey());
        touch(chain());
        touch(key());
    }

    private static void touch(Path file) throws IOException {
        FileTime previous = Files.getLastModifiedTime(file);
        FileTime later = FileTime.fromMillis(Math.max(System.currentTimeMillis(), previous.toMillis()) + 2_000 + (long) (Math.random() * 1000));
        Files.setLastModifiedTime(file, later);
    }

    private X509Certificate presented(Server server) throws IOException {
        try (Connection connection = client.connect(server.address().toString())) {
            return (X509Certificate) connection.unwrap(SSLSession.class).orElseThrow().getPeerCertificates()[0];
        }
    }

    private static X509Certificate leaf(TlsCertificate certificate) {
        return certificate.chain().getFirst();
    }

    @Test
    void reloadServesTheNewCertificateToNewHandshakesAndLeavesOpenConnectionsAlone() throws Exception {
        write(OLD);
        ServerOptions options = ServerOptions.builder().tls(TlsServerOptions.builder().certificate(chain(), key()).build()).build();
        try (PeerServer peer = PeerServer.start("tls://127.0.0.1:0", options, PeerServer.numberedEcho());
                Connection open = client.connect(peer.uri())) {
            Server server = peer.server();
            assertEquals("1:before", PeerServer.ask(open, "before"));
            write(NEW);
            server.reloadCertificates();
            assertEquals(leaf(NEW), presented(server));
            assertEquals("1:after", PeerServer.ask(open, "after"), "the open connection goes on");
            assertEquals(leaf(OLD), open.unwrap(SSLSession.class).orElseThrow().getPeerCertificates()[0]);
        }
    }

    @Test
    void aBadNewFileIsRefusedNamingItAndTheOldCertificateIsKept() throws Exception {
        write(OLD);
        ServerOptions options = ServerOptions.builder().tls(TlsServerOptions.builder().certificate(chain(), key()).build()).build();
        try (Server server = Server.listen("tls://127.0.0.1:0", options)) {
            Thread.ofVirtual().start(() -> serveQuietly(server));
            Files.writeString(key(), "-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
            IllegalArgumentException garbage = assertThrows(IllegalArgumentException.class, server::reloadCertificates);
            assertTrue(garbage.getMessage().contains(key().toString()), garbage.getMessage());
            assertEquals(leaf(OLD), presented(server));

            // A renewed chain with the old key: the key does not belong to it.
            TestCertificates.writePem(chain(), NEW.chain());
            TestCertificates.writePkcs8Key(key(), OLD.privateKey());
            IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class, server::reloadCertificates);
            assertTrue(mismatch.getMessage().contains(key().toString()), mismatch.getMessage());
            assertEquals(leaf(OLD), presented(server));
        }
    }

    @Test
    void certificatesInMemoryReplaceTheOldOnes() throws Exception {
        ServerOptions options = ServerOptions.builder().tls(TlsServerOptions.builder().certificate(OLD).build()).build();
        try (Server server = Server.listen("tls://127.0.0.1:0", options)) {
            Thread.ofVirtual().start(() -> serveQuietly(server));
            assertEquals(leaf(OLD), presented(server));
            server.reloadCertificates(List.of(NEW));
            assertEquals(leaf(NEW), presented(server));
            server.reloadCertificates(); // read from no file: nothing to reread, nothing changes
            assertEquals(leaf(NEW), presented(server));
            assertThrows(IllegalArgumentException.class, () -> server.reloadCertificates(List.of()));
        }
    }

    @Test
    void aPlaintextServerHasNoCertificatesToReload() throws Exception {
        try (Server server = Server.listen("tcp://127.0.0.1:0")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, server::reloadCertificates);
            assertTrue(e.getMessage().contains(server.address().toString()), e.getMessage());
        }
    }

    @Test
    void watchedFilesAreReloadedWhenTheyChangeAndABadOneIsReportedToTheErrorHandler() throws Exception {
        write(OLD);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        ServerOptions options = ServerOptions.builder().errorHandler(errors::add)
                .tls(TlsServerOptions.builder().certificate(chain(), key()).watchCertificateFiles(Duration.ofMillis(1)).build())
                .build();
        try (Server server = Server.listen("tls://127.0.0.1:0", options)) {
            Thread.ofVirtual().start(() -> serveQuietly(server));
            assertEquals(leaf(OLD), presented(server));
            write(NEW);
            await().atMost(Duration.ofSeconds(20)).until(() -> presented(server).equals(leaf(NEW)));

            Files.writeString(chain(), "not a certificate", StandardCharsets.US_ASCII);
            touch(chain());
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                presented(server);
                return !errors.isEmpty();
            });
            assertTrue(errors.getFirst().getMessage().contains(chain().toString()), errors.getFirst().getMessage());
            assertEquals(leaf(NEW), presented(server), "the certificate before the bad file is kept");
            assertEquals(1, errors.size(), "one report per change: " + errors);
        }
    }

    private static void serveQuietly(Server server) {
        try {
            server.serve(connection -> connection.input().transferTo(connection.output()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
