package dev.shuttle.internal.tls;

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
}
