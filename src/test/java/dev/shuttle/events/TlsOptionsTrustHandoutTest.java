package dev.shuttle.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.dropin.ShuttleSslSocketFactory;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/**
 * TlsOptions hands out the trust manager it verifies with and a socket factory over it, so that
 * a client library taking both (OkHttp's {@code sslSocketFactory(factory, trustManager)}) needs
 * no second trust set-up.
 */
@NetworkTest
class TlsOptionsTrustHandoutTest {
    private static final TlsCertificate CERTIFICATE = TlsCertificate.selfSigned("app.test", "127.0.0.1");
    private static final TlsCertificate STRANGER = TlsCertificate.selfSigned("app.test", "127.0.0.1");

    @Test
    void theTrustManagerTrustsWhatTheOptionsTrustAndNothingElse() throws Exception {
        TlsOptions options = TlsOptions.builder().trustCertificates(CERTIFICATE.chain()).build();
        X509ExtendedTrustManager trust = assertInstanceOf(X509ExtendedTrustManager.class, options.trustManager());
        SSLEngine toAppTest = SSLContext.getDefault().createSSLEngine("app.test", 443);
        trust.checkServerTrusted(CERTIFICATE.chain().toArray(X509Certificate[]::new), "ECDHE_ECDSA", toAppTest);
        CertificateException stranger = assertThrows(CertificateException.class, () -> trust.checkServerTrusted(
                STRANGER.chain().toArray(X509Certificate[]::new), "ECDHE_ECDSA", toAppTest));
        assertTrue(stranger.getMessage().contains("not trusted"), stranger.getMessage());
        SSLEngine toOther = SSLContext.getDefault().createSSLEngine("other.test", 443);
        CertificateException wrongName = assertThrows(CertificateException.class, () -> trust.checkServerTrusted(
                CERTIFICATE.chain().toArray(X509Certificate[]::new), "ECDHE_ECDSA", toOther));
        assertTrue(wrongName.getMessage().contains("other.test"), wrongName.getMessage());
        // Without a host name to verify, nothing passes: hostname verification is never skipped silently.
        assertThrows(CertificateException.class,
                () -> trust.checkServerTrusted(CERTIFICATE.chain().toArray(X509Certificate[]::new), "ECDHE_ECDSA"));
        assertEquals(CERTIFICATE.chain().getFirst(), trust.getAcceptedIssuers()[0]);
        assertSame(trust, options.trustManager(), "built once per options object");
    }

    @Test
    void theSocketFactoryHandshakesWithTheSameTrust() throws Exception {
        TlsOptions options = TlsOptions.builder().trustCertificates(CERTIFICATE.chain()).build();
        ServerOptions serverOptions = ServerOptions.builder().errorHandler(error -> {})
                .tls(TlsServerOptions.builder().certificate(CERTIFICATE).build()).build();
        try (Server server = Server.listen("tls://127.0.0.1:0", serverOptions)) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> connection.input().transferTo(connection.output()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ShuttleSslSocketFactory factory = ShuttleSslSocketFactory.create(options);
            try (Socket socket = factory.createSocket("127.0.0.1", server.address().port())) {
                socket.setSoTimeout(10_000);
                SSLSocket ssl = assertInstanceOf(SSLSocket.class, socket);
                ssl.startHandshake();
                socket.getOutputStream().write('x');
                assertEquals('x', socket.getInputStream().read());
            }
            TlsOptions untrusting = TlsOptions.builder().trustCertificates(STRANGER.chain()).build();
            try (Socket socket = ShuttleSslSocketFactory.create(untrusting).createSocket("127.0.0.1", server.address().port())) {
                socket.setSoTimeout(10_000);
                assertThrows(javax.net.ssl.SSLHandshakeException.class, ((SSLSocket) socket)::startHandshake);
            }
            server.close();
            serving.join(Duration.ofSeconds(10));
        }
    }

    @Test
    void insecureOptionsHandOutATrustManagerThatTrustsAnything() throws Exception {
        X509TrustManager trust = TlsOptions.builder().insecureTrustAllCertificates().build().trustManager();
        trust.checkServerTrusted(STRANGER.chain().toArray(X509Certificate[]::new), "ECDHE_ECDSA");
    }
}
