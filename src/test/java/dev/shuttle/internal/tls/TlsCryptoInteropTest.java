package dev.shuttle.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Shuttle's TLS takes each algorithm from the provider that runs it fastest (the JDK's or
 * BouncyCastle's, see {@link PerAlgorithmCryptoHelper}): these handshakes against the JDK's own
 * SunJSSE, in both directions, prove that every mix interoperates: X25519 and ECDHE key shares
 * made by BouncyCastle against the JDK's, ECDSA signed by the JDK and verified by BouncyCastle,
 * RSA-PSS signed and verified by the JDK's RSASSA-PSS.
 */
@NetworkTest
class TlsCryptoInteropTest {
    static {
        TlsWarmUp.once();
    }

    @ParameterizedTest(name = "SunJSSE client, {0} certificate, {1}, {2}")
    @CsvSource({"RSA, TLSv1.3, x25519", "RSA, TLSv1.3, secp256r1", "RSA, TLSv1.2, secp256r1", "RSA, TLSv1.2, x25519",
            "EC, TLSv1.3, x25519", "EC, TLSv1.3, secp256r1", "EC, TLSv1.3, secp384r1", "EC, TLSv1.2, secp256r1",
            "EC, TLSv1.2, x25519"})
    void theJdksClientHandshakesWithShuttlesServer(TestCertificates.KeyType type, String protocol, String group)
            throws Exception {
        TestCertificates pki = TestCertificates.of(type);
        TlsServerOptions tls = TlsServerOptions.builder().certificate(pki.server()).protocols(protocol).build();
        try (EchoServer server = EchoServer.tls(tls)) {
            try (SSLSocket socket = SunJssePeers.client(pki, server.address().port(),
                    parameters -> parameters.setNamedGroups(new String[] {group}))) {
                socket.getOutputStream().write("mixed".getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                assertEquals("mixed", new String(socket.getInputStream().readNBytes(5), StandardCharsets.UTF_8));
                assertEquals(protocol, socket.getSession().getProtocol());
            }
        }
    }

    @ParameterizedTest(name = "SunJSSE server, {0} certificate, {1}, {2}")
    @CsvSource({"RSA, TLSv1.3, x25519", "RSA, TLSv1.3, secp256r1", "RSA, TLSv1.2, secp256r1", "EC, TLSv1.3, x25519",
            "EC, TLSv1.3, secp256r1", "EC, TLSv1.3, secp384r1", "EC, TLSv1.2, secp256r1"})
    // Not "EC, TLSv1.2, x25519": in TLS 1.2 a SunJSSE server uses an ECDSA certificate only when
    // the certificate's curve (P-256 here) is among its own enabled groups, and this server enables
    // x25519 alone, so it refuses every client with handshake_failure, the JDK's own SunJSSE
    // client as much as Shuttle's (checked): a server set-up that cannot work, not an interop fault.
    void shuttlesClientHandshakesWithTheJdksServer(TestCertificates.KeyType type, String protocol, String group)
            throws Exception {
        TestCertificates pki = TestCertificates.of(type);
        try (SSLServerSocket listener = SunJssePeers.server(pki.server(), parameters -> {
            parameters.setProtocols(new String[] {protocol});
            parameters.setNamedGroups(new String[] {group});
        })) {
            // A failure on the server's side shows in the client's assertion.
            SunJssePeers.OneConnection served = SunJssePeers.serveOne(listener, accepted -> {
                InputStream in = accepted.getInputStream();
                accepted.getOutputStream().write(in.readNBytes(5));
                accepted.getOutputStream().flush();
            });
            TlsOptions options = TlsOptions.builder().trustStore(pki.caStore()).protocols(protocol).build();
            try (served; Connection connection = Connector.tls(options).connect("tls://127.0.0.1:" + listener.getLocalPort())) {
                assertEquals("mixed", TlsClientTest.echo(connection, "mixed"));
                assertEquals(protocol, connection.unwrap(SSLSession.class).orElseThrow().getProtocol());
            }
        }
    }
}
