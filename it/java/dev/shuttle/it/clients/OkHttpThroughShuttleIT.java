package dev.shuttle.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.dropin.ShuttleSocketFactory;
import dev.shuttle.dropin.ShuttleSslSocketFactory;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.internal.tls.TestCertificates;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OkHttp with Shuttle plugged in through its public hooks, {@code socketFactory} and
 * {@code sslSocketFactory}, against the JDK's own HTTP and HTTPS servers on loopback (not Shuttle's,
 * so each side is an independent implementation).
 */
class OkHttpThroughShuttleIT {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final TestCertificates pki = TestCertificates.ec();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void httpGoesThroughShuttleSocketFactory() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int port = start(server, "hello over http");
        ConnectCounter counter = new ConnectCounter();
        OkHttpClient client = new OkHttpClient.Builder()
                .socketFactory(ShuttleSocketFactory.create(ConnectorOptions.builder().listener(counter).build()))
                .callTimeout(Duration.ofSeconds(20))
                .build();
        try (Response response = client.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/").build()).execute()) {
            assertEquals(200, response.code());
            assertEquals("hello over http", response.body().string());
        }
        assertTrue(counter.connected() >= 1, "OkHttp's connection did not go through Shuttle");
        client.connectionPool().evictAll();
    }

    @Test
    void httpsGoesThroughShuttleSslSocketFactoryAndVerifiesTheServer() throws Exception {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext(pki.server())));
        server = https;
        int port = start(https, "hello over https");
        ConnectCounter counter = new ConnectCounter();
        ConnectorOptions options = ConnectorOptions.builder()
                .tls(TlsOptions.builder().trustCertificates(java.util.List.of(pki.ca())).build())
                .listener(counter)
                .build();
        OkHttpClient client = new OkHttpClient.Builder()
                .socketFactory(ShuttleSocketFactory.create(options))
                .sslSocketFactory(ShuttleSslSocketFactory.create(options), trustManager(pki.ca()))
                .callTimeout(Duration.ofSeconds(20))
                .build();
        try (Response response = client.newCall(new Request.Builder().url("https://localhost:" + port + "/").build()).execute()) {
            assertEquals(200, response.code());
            assertEquals("hello over https", response.body().string());
            assertTrue(response.handshake() != null && response.handshake().tlsVersion().javaName().startsWith("TLSv1."),
                    String.valueOf(response.handshake()));
        }
        assertTrue(counter.connected() >= 1, "OkHttp's connection did not go through Shuttle");
        client.connectionPool().evictAll();
    }

    private static int start(HttpServer server, String body) {
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    /** The JDK's own TLS (SunJSSE) for the server side. */
    private static SSLContext serverContext(TlsCertificate certificate) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", certificate.privateKey(), PASSWORD, certificate.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    /** OkHttp asks for a trust manager next to the factory; it cleans the peer's chain with it. */
    private static X509TrustManager trustManager(X509Certificate ca) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}
