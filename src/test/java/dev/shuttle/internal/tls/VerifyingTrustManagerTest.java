package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.crypto.BouncyCastle;
import dev.shuttle.internal.tls.trust.VerifyingTrustManager;
import static dev.shuttle.internal.tls.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/** The trust manager on its own: what it refuses without a handshake around it. */
class VerifyingTrustManagerTest {
    private static final TestCertificates PKI = TestCertificates.ec();

    private static VerifyingTrustManager trusting() throws Exception {
        return SslContexts.verifying(List.of(PKI.ca()), null, "the test CA");
    }

    private static SSLContext context() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", BouncyCastle.jsse());
        context.init(null, null, BouncyCastle.random());
        return context;
    }

    private static X509Certificate[] serverChain() {
        return PKI.server().chain().toArray(X509Certificate[]::new);
    }

    @Test
    void aServerCertificateIsRefusedWhenThereIsNoHostToVerifyItFor() throws Exception {
        VerifyingTrustManager trust = trusting();
        CertificateException withoutSocket = assertThrows(CertificateException.class,
                () -> trust.checkServerTrusted(serverChain(), "ECDHE_ECDSA"));
        assertContains(withoutSocket, "no host name");
        SSLEngine engineWithoutHost = context().createSSLEngine();
        CertificateException withEngine = assertThrows(CertificateException.class,
                () -> trust.checkServerTrusted(serverChain(), "ECDHE_ECDSA", engineWithoutHost));
        assertContains(withEngine, "no host name");
        SSLEngine engineWithEmptyHost = context().createSSLEngine("", 443);
        CertificateException empty = assertThrows(CertificateException.class,
                () -> trust.checkServerTrusted(serverChain(), "ECDHE_ECDSA", engineWithEmptyHost));
        assertContains(empty, "no host name");
    }

    @Test
    void aServerCertificateIsAcceptedForTheHostOfTheEngine() throws Exception {
        VerifyingTrustManager trust = trusting();
        SSLEngine engine = context().createSSLEngine("localhost", 443);
        assertDoesNotThrow(() -> trust.checkServerTrusted(serverChain(), "ECDHE_ECDSA", engine));
    }

    @Test
    void anEcKeyBelowP256IsRefusedNamingItsSize() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC", BouncyCastle.crypto());
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp224r1"));
        X509Certificate leaf = PKI.issueCertificate("localhost", java.time.Instant.now().minusSeconds(3600),
                java.time.Instant.now().plusSeconds(86400), generator.generateKeyPair().getPublic(), null, new org.bouncycastle.asn1.x509.GeneralName(
                        org.bouncycastle.asn1.x509.GeneralName.dNSName, "localhost"));
        SSLEngine engine = context().createSSLEngine("localhost", 443);
        CertificateException refused = assertThrows(CertificateException.class, () -> trusting().checkServerTrusted(
                new X509Certificate[] {leaf, PKI.ca()}, "ECDHE_ECDSA", engine));
        assertContains(refused, "224-bit EC key", "P-256");
    }

    @Test
    void aClientCertificateSignedWithSha1IsRefusedNamingTheSignature() throws Exception {
        java.security.KeyPair keys = TestCertificates.ecKeyPair("secp256r1");
        X509Certificate client = PKI.issueCertificate("shuttle-client", java.time.Instant.now().minusSeconds(3600),
                java.time.Instant.now().plusSeconds(86400), keys.getPublic(), "SHA1withECDSA");
        CertificateException refused = assertThrows(CertificateException.class,
                () -> trusting().checkClientTrusted(new X509Certificate[] {client, PKI.ca()}, "ECDHE_ECDSA"));
        assertContains(refused, "the client's certificate", "SHA1withECDSA", "SHA-1");
    }
}
