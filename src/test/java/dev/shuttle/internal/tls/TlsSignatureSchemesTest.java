package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.crypto.BouncyCastle;
import static dev.shuttle.internal.tls.Messages.assertContains;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No SHA-1 and no DSA in handshake signatures, offered or accepted, on either side. The JDK
 * forbids them itself ({@code jdk.tls.disabledAlgorithms}: {@code rsa_pkcs1_sha1 usage
 * HandshakeSignature} and the like), but BouncyCastle ignores those usage constraints, so Shuttle
 * sets its own list. The peers that offer or accept SHA-1 only are BouncyCastle ones: the JDK's
 * own SunJSSE would refuse to.
 */
@NetworkTest
class TlsSignatureSchemesTest {
    private static final TestCertificates PKI = TestCertificates.ec();
    private static final String[] SHA1_ONLY = {"ecdsa_sha1", "rsa_pkcs1_sha1", "dsa_sha1"};

    static {
        TlsWarmUp.once();
    }

    private static boolean weak(String scheme) {
        // SunJSSE names them as JCA signature algorithms: SHA1withECDSA, SHA256withDSA, RSASSA-PSS.
        String name = scheme.toLowerCase(java.util.Locale.ROOT);
        return name.contains("sha1") || name.endsWith("withdsa") || name.contains("md5") || name.contains("sha224");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void theClientHelloOffersNoSha1NorDsaScheme(String protocol) throws Exception {
        AtomicReference<String[]> offered = new AtomicReference<>();
        try (SSLServerSocket listener = SunJssePeers.server(PKI.server(), parameters -> parameters.setProtocols(new String[] {protocol}));
                var peer = SunJssePeers.serveOne(listener, accepted -> {
                    SSLSocket ssl = (SSLSocket) accepted;
                    ssl.startHandshake();
                    offered.set(((ExtendedSSLSession) ssl.getSession()).getPeerSupportedSignatureAlgorithms());
                    ssl.getOutputStream().write(1);
                    ssl.getOutputStream().flush();
                });
                Connection connection = Connector.tls(TlsOptions.builder().trustStore(PKI.caStore()).build())
                        .connect("tls://127.0.0.1:" + listener.getLocalPort())) {
            assertEquals(1, connection.input().read());
        }
        List<String> schemes = Arrays.asList(offered.get());
        assertFalse(schemes.isEmpty());
        assertTrue(schemes.stream().noneMatch(TlsSignatureSchemesTest::weak), () -> "Shuttle offered " + schemes);
        assertTrue(schemes.contains("SHA256withECDSA") && schemes.contains("RSASSA-PSS"), schemes::toString);
    }

    @org.junit.jupiter.api.Test
    void aDropInSocketGivenFreshParametersStillOffersNoSha1() throws Exception {
        AtomicReference<String[]> offered = new AtomicReference<>();
        var factory = dev.shuttle.dropin.ShuttleSslSocketFactory.create(dev.shuttle.ConnectorOptions.builder()
                .tls(TlsOptions.builder().trustStore(PKI.caStore()).build())
                .build());
        try (SSLServerSocket listener = SunJssePeers.server(PKI.server(), parameters -> parameters.setProtocols(new String[] {"TLSv1.2"}));
                var peer = SunJssePeers.serveOne(listener, accepted -> {
                    SSLSocket ssl = (SSLSocket) accepted;
                    ssl.startHandshake();
                    offered.set(((ExtendedSSLSession) ssl.getSession()).getPeerSupportedSignatureAlgorithms());
                });
                SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", listener.getLocalPort())) {
            // What a library that builds its own parameters does: no signature schemes in them.
            socket.setSSLParameters(new SSLParameters(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
                    new String[] {"TLSv1.2"}));
            socket.startHandshake();
        }
        List<String> schemes = Arrays.asList(offered.get());
        assertTrue(schemes.stream().noneMatch(TlsSignatureSchemesTest::weak), () -> "Shuttle offered " + schemes);
    }

    @ParameterizedTest(name = "{0} client certificate")
    @ValueSource(strings = {"EC", "RSA"})
    void aClientOfferingOnlySha1SchemesFailsAgainstShuttlesServer(TestCertificates.KeyType type) throws Exception {
        TestCertificates pki = TestCertificates.of(type);
        TlsServerOptions tls = TlsServerOptions.builder().certificate(pki.server()).protocols("TLSv1.2").build();
        try (EchoServer server = EchoServer.tls(tls);
                SSLSocket client = bouncyCastleClient(pki, server.address().port())) {
            java.io.IOException refused = assertThrows(java.io.IOException.class, client::startHandshake,
                    "a client that can verify only SHA-1 signatures got a server signature it accepts");
            assertFalse(refused.getMessage().contains("certificate_unknown"), () -> "refused for another reason: " + refused);
            await().until(() -> !server.errors().isEmpty());
            assertContains(server.errors().getFirst(), "signature algorithms");
        }
    }

    @ParameterizedTest(name = "{0} server certificate")
    @ValueSource(strings = {"EC", "RSA"})
    void aServerAcceptingOnlySha1SchemesFailsShuttlesClient(TestCertificates.KeyType type) throws Exception {
        TestCertificates pki = TestCertificates.of(type);
        try (SSLServerSocket listener = bouncyCastleServer(pki.server());
                var peer = SunJssePeers.serveOne(listener, accepted -> ((SSLSocket) accepted).startHandshake())) {
            TlsOptions options = TlsOptions.builder().trustStore(pki.caStore()).protocols("TLSv1.2").build();
            SSLHandshakeException refused = assertThrows(SSLHandshakeException.class,
                    () -> Connector.tls(options).connect("tls://127.0.0.1:" + listener.getLocalPort()).close());
            assertContains(refused, "signature algorithms");
        }
    }

    /** A BouncyCastle TLS 1.2 client that offers SHA-1 signature schemes only. */
    private static SSLSocket bouncyCastleClient(TestCertificates pki, int port) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", BouncyCastle.jsse());
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX", BouncyCastle.jsse());
        trust.init(pki.caStore());
        context.init(null, trust.getTrustManagers(), BouncyCastle.random());
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, true);
        // SHA-1 for handshake signatures only: the test CA signs certificates with SHA-256.
        BCSSLSocket bc = (BCSSLSocket) socket;
        BCSSLParameters parameters = bc.getParameters();
        parameters.setProtocols(new String[] {"TLSv1.2"});
        parameters.setSignatureSchemes(SHA1_ONLY);
        parameters.setSignatureSchemesCert(new String[] {"ecdsa_secp256r1_sha256", "rsa_pkcs1_sha256"});
        bc.setParameters(parameters);
        return socket;
    }

    /** A BouncyCastle TLS 1.2 server that accepts SHA-1 signature schemes only. */
    private static SSLServerSocket bouncyCastleServer(TlsCertificate certificate) throws Exception {
        char[] password = "sha1".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", certificate.privateKey(), password, certificate.chain().toArray(Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX", BouncyCastle.jsse());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS", BouncyCastle.jsse());
        context.init(keys.getKeyManagers(), null, BouncyCastle.random());
        SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        SSLParameters parameters = listener.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.2"});
        parameters.setSignatureSchemes(SHA1_ONLY);
        listener.setSSLParameters(parameters);
        return listener;
    }
}
