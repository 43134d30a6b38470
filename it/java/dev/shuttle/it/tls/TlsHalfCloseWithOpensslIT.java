package dev.shuttle.it.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Server;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.tls.TestCertificates;
import dev.shuttle.testing.NetworkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.3 half-close against OpenSSL, through Python's {@code ssl} module (OpenSSL's own
 * {@code s_server} and {@code s_client} end their connection when they read {@code close_notify},
 * so they cannot show a peer answering after it): Shuttle shuts its output, the peer reads the end
 * of the stream (a {@code close_notify}: a bare end of the transport would fail its read), answers,
 * and Shuttle reads the answer. Over TCP and a Unix socket, and the other way round with Shuttle as
 * the server.
 */
@NetworkTest
class TlsHalfCloseWithOpensslIT {
    private static final Duration BOUND = Duration.ofSeconds(20);

    /** An OpenSSL TLS 1.3 peer: reads to close_notify, answers, sends its own close_notify. */
    private static final String PEER = """
            import socket, ssl, sys
            role, family, address, cert, key, ca = sys.argv[1:7]
            if role == "server":
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                context.load_cert_chain(cert, key)
            else:
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                context.load_verify_locations(ca)
            context.minimum_version = ssl.TLSVersion.TLSv1_3
            if family == "unix":
                target = address
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            else:
                host, port = address.rsplit(":", 1)
                target = (host, int(port))
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            if role == "server":
                s.bind(target)
                s.listen(1)
                print("listening", flush=True)
                raw, _ = s.accept()
                tls = context.wrap_socket(raw, server_side=True, suppress_ragged_eofs=False)
            else:
                s.connect(target)
                tls = context.wrap_socket(s, server_hostname="localhost", suppress_ragged_eofs=False)
            data = b""
            while True:
                chunk = tls.recv(65536)
                if not chunk:
                    break
                data += chunk
            print("close_notify after " + data.decode(), flush=True)
            tls.sendall(b"answer to " + data)
            tls.unwrap()
            print("done", flush=True)
            """;

    @TempDir
    Path dir;

    private Peer peer(TestCertificates pki, String role, String family, String address) throws Exception {
        TlsCertificate server = pki.server();
        Path script = Files.writeString(dir.resolve("peer.py"), PEER);
        Path cert = TestCertificates.writePem(dir.resolve("server.pem"), server.chain());
        Path key = TestCertificates.writePkcs8Key(dir.resolve("server.key"), server.privateKey());
        Path ca = TestCertificates.writePem(dir.resolve("ca.pem"), pki.ca());
        return Peer.start(dir, List.of("python3", script.toString(), role, family, address, cert.toString(), key.toString(),
                ca.toString()));
    }

    private void shuttleClientReadsTheAnswerAfterItsCloseNotify(String family, String address, String uri) throws Exception {
        TestCertificates pki = TestCertificates.ec();
        try (Peer openssl = peer(pki, "server", family, address)) {
            openssl.awaitOutput("listening");
            try (Connection connection = Connector.tls(TlsOptions.builder().trustStore(pki.caStore()).serverName("localhost").build())
                    .connect(uri)) {
                connection.setReadTimeout(BOUND);
                connection.output().write("hello".getBytes(StandardCharsets.US_ASCII));
                connection.shutdownOutput();
                assertEquals("answer to hello", new String(connection.input().readAllBytes(), StandardCharsets.US_ASCII));
            }
            openssl.awaitOutput("close_notify after hello");
            openssl.awaitOutput("done");
        }
    }

    @Test
    void overTcpOpensslSeesCloseNotifyAndStillAnswers() throws Exception {
        int port = Peer.freePort();
        shuttleClientReadsTheAnswerAfterItsCloseNotify("tcp", "127.0.0.1:" + port, "tls://127.0.0.1:" + port);
    }

    @Test
    void overAUnixSocketOpensslSeesCloseNotifyAndStillAnswers() throws Exception {
        Path socket = dir.resolve("peer.sock");
        shuttleClientReadsTheAnswerAfterItsCloseNotify("unix", socket.toString(), "unix://" + socket);
    }

    @Test
    void aShuttleServerReadsTheAnswerOfAnOpensslClientAfterItsCloseNotify() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        try (Server server = Server.listen("tls://127.0.0.1:0", dev.shuttle.ServerOptions.builder()
                .tls(TlsServerOptions.builder().certificate(pki.server()).build()).build());
                Peer openssl = peer(pki, "client", "tcp", "127.0.0.1:" + server.address().port());
                Connection accepted = server.accept()) {
            accepted.setReadTimeout(BOUND);
            accepted.output().write("question".getBytes(StandardCharsets.US_ASCII));
            accepted.shutdownOutput();
            assertEquals("answer to question", new String(accepted.input().readAllBytes(), StandardCharsets.US_ASCII));
            openssl.awaitOutput("close_notify after question");
            openssl.awaitOutput("done");
        }
    }
}
