package dev.shuttle.dropin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ServerOptions;
import dev.shuttle.internal.tls.TestCertificates;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyManagementException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * {@code java.net.http.HttpClient} over Shuttle's {@link SSLContext}: the certificate is verified
 * against the options' trust and the name the client connects to, and the context is Shuttle's
 * through and through (its engines, its socket factory, no second set-up).
 */
@NetworkTest
class ShuttleSslContextTest {
    private static final TestCertificates PKI = TestCertificates.ec();
    private static final SSLContext CONTEXT = ShuttleSslContext.create(
            TlsOptions.builder().trustCertificates(List.of(PKI.ca())).build());

    private static HttpPeer peer(TlsCertificate certificate) throws IOException {
        return new HttpPeer(ServerOptions.builder().tls(TlsServerOptions.builder().certificate(certificate).build()).build());
    }

    private static String get(SSLContext context, String uri) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(uri))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        }
    }

    @Test
    void theJdksHttpClientGetsAPageOverShuttlesContext() throws Exception {
        try (HttpPeer peer = peer(PKI.server())) {
            assertEquals("200 ok", get(CONTEXT, "https://localhost:" + peer.port() + "/"));
        }
    }

    @Test
    void anUntrustedServerIsRefused() throws Exception {
        try (HttpPeer peer = peer(TestCertificates.another(TestCertificates.KeyType.EC).server())) {
            IOException e = assertThrows(IOException.class, () -> get(CONTEXT, "https://localhost:" + peer.port() + "/"));
            Throwable handshake = rootOrSelf(e, SSLHandshakeException.class);
            assertInstanceOf(SSLHandshakeException.class, handshake, e.toString());
            assertTrue(handshake.getMessage().startsWith("TLS handshake with tls://localhost:" + peer.port() + " failed: "),
                    handshake.getMessage());
            assertNoProviderTypes(e);
        }
    }

    @Test
    void aCertificateForAnotherNameIsRefused() throws Exception {
        try (HttpPeer peer = peer(PKI.issue("elsewhere", Duration.ofDays(1), "elsewhere.example"))) {
            IOException e = assertThrows(IOException.class, () -> get(CONTEXT, "https://localhost:" + peer.port() + "/"));
            Throwable handshake = rootOrSelf(e, SSLHandshakeException.class);
            assertInstanceOf(SSLHandshakeException.class, handshake, e.toString());
            assertTrue(handshake.getMessage().contains("elsewhere.example") && handshake.getMessage().contains("localhost"),
                    handshake.getMessage());
            assertNoProviderTypes(e);
        }
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeIsBoundedByTheLibrarysOwnTimeout() throws Exception {
        try (dev.shuttle.testing.PeerServer silent = dev.shuttle.testing.PeerServer.start("tcp://127.0.0.1:0",
                connection -> dev.shuttle.testing.Bounded.await(new java.util.concurrent.CountDownLatch(1)));
                HttpClient client = HttpClient.newBuilder().sslContext(CONTEXT).connectTimeout(Duration.ofSeconds(1)).build()) {
            String uri = "https://localhost:" + dev.shuttle.Endpoint.parse(silent.uri()).port() + "/";
            IOException e = assertThrows(IOException.class, () -> client.send(HttpRequest.newBuilder(URI.create(uri))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString()));
            assertInstanceOf(java.net.http.HttpTimeoutException.class, e, e.toString());
        }
    }

    @Test
    void itsEnginesAreShuttlesAndItsFactoryIsTheDropInOne() {
        SSLEngine engine = CONTEXT.createSSLEngine("localhost", 443);
        assertTrue(engine.getUseClientMode());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), Arrays.asList(engine.getEnabledProtocols()));
        assertTrue(Arrays.stream(engine.getEnabledCipherSuites()).noneMatch(s -> s.contains("CBC") || s.startsWith("TLS_RSA_")),
                Arrays.toString(engine.getEnabledCipherSuites()));
        assertEquals(Arrays.asList(engine.getEnabledCipherSuites()),
                Arrays.asList(CONTEXT.getDefaultSSLParameters().getCipherSuites()));
        assertInstanceOf(ShuttleSslSocketFactory.class, CONTEXT.getSocketFactory());
    }

    @Test
    void itIsReadyAndAClientsOnly() {
        KeyManagementException init = assertThrows(KeyManagementException.class, () -> CONTEXT.init(null, null, null));
        assertTrue(init.getMessage().startsWith("This SSLContext is set up by Shuttle's TlsOptions already"), init.getMessage());
        assertThrows(UnsupportedOperationException.class, CONTEXT::getServerSocketFactory);
        assertThrows(UnsupportedOperationException.class, CONTEXT::getServerSessionContext);
    }

    private static void assertNoProviderTypes(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertTrue(!t.getClass().getName().startsWith("org.bouncycastle"), "a BouncyCastle type reached the caller: " + t);
        }
    }

    private static Throwable rootOrSelf(Throwable e, Class<? extends Throwable> wanted) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (wanted.isInstance(t)) {
                return t;
            }
        }
        return e;
    }
}
