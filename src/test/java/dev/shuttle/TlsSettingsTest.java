package dev.shuttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.tls.TlsServerOptions.ClientAuth;
import dev.shuttle.tls.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What clients and servers share is set and checked once: the same calls, the same refusals and
 * the same values on both ends, and choosing one trust source forgets the others on each.
 */
class TlsSettingsTest {
    private static final TlsCertificate CERTIFICATE = TlsCertificate.selfSigned("localhost");

    /** Applies the same shared settings to a client and a server, and returns both. */
    private static List<TlsSettings> both(Function<TlsSettings.Builder<?>, TlsSettings.Builder<?>> settings) {
        return List.of(
                ((TlsOptions.Builder) settings.apply(TlsOptions.builder())).build(),
                ((TlsServerOptions.Builder) settings.apply(TlsServerOptions.builder().certificate(CERTIFICATE))).build());
    }

    @Test
    void theSameSharedCallsGiveTheSameSharedValuesOnBothEnds() {
        for (TlsSettings settings : both(b -> b.trustCertificates(CERTIFICATE.chain()).protocols("TLSv1.3")
                .applicationProtocols("h2", "http/1.1").handshakeTimeout(Duration.ofSeconds(3)))) {
            assertEquals(CERTIFICATE.chain(), settings.trustedCertificates(), settings.toString());
            assertEquals(List.of("TLSv1.3"), settings.protocols());
            assertEquals(List.of("h2", "http/1.1"), settings.applicationProtocols());
            assertEquals(Duration.ofSeconds(3), settings.handshakeTimeout());
            assertTrue(settings.toString().contains("trust=1 certificate, protocols=[TLSv1.3], "
                    + "applicationProtocols=[h2, http/1.1], handshakeTimeout=PT3S"), settings.toString());
        }
    }

    @Test
    void bothEndsDefaultToTls13And12NoAlpnAndTenSeconds() {
        for (TlsSettings settings : both(b -> b)) {
            assertEquals(List.of("TLSv1.3", "TLSv1.2"), settings.protocols());
            assertEquals(List.of(), settings.applicationProtocols());
            assertEquals(Duration.ofSeconds(10), settings.handshakeTimeout());
            assertTrue(settings.trustedCertificates().isEmpty() && settings.trustPem().isEmpty()
                    && settings.trustStore().isEmpty(), settings.toString());
        }
    }

    @Test
    void badSharedSettingsAreRefusedWithTheSameWordsOnBothEnds() {
        for (TlsSettings.Builder<?> builder : List.<TlsSettings.Builder<?>>of(TlsOptions.builder(), TlsServerOptions.builder())) {
            assertEquals("protocols: TLSv1.1 is not supported: Shuttle supports TLSv1.2 and TLSv1.3 only (TLSv1.1 is "
                            + "deprecated by RFC 8996, and its cipher suites are not enabled)",
                    assertThrows(IllegalArgumentException.class, () -> builder.protocols("TLSv1.1")).getMessage());
            assertThrows(IllegalArgumentException.class, () -> builder.applicationProtocols(""));
            assertThrows(IllegalArgumentException.class, () -> builder.handshakeTimeout(Duration.ZERO));
            assertEquals("trustCertificates needs at least one certificate",
                    assertThrows(IllegalArgumentException.class, () -> builder.trustCertificates(List.of())).getMessage());
        }
    }

    @Test
    void aTrustSourceReplacesTheOthersOnBothEnds(@TempDir Path directory) throws Exception {
        Path pem = directory.resolve("ca.pem");
        Files.writeString(pem, pem(CERTIFICATE.chain().getFirst()));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (TlsSettings settings : both(b -> b.trustPem(pem).trustStore(store))) {
            assertTrue(settings.trustStore().isPresent() && settings.trustPem().isEmpty()
                    && settings.trustedCertificates().isEmpty(), settings.toString());
        }
        for (TlsSettings settings : both(b -> b.trustStore(store).trustPem(pem))) {
            assertEquals(pem, settings.trustPem().orElseThrow());
            assertEquals(CERTIFICATE.chain(), settings.trustedCertificates());
            assertTrue(settings.trustStore().isEmpty(), settings.toString());
        }
    }

    @Test
    void choosingATrustSourceEndsTrustAllOnAClient() {
        TlsOptions options = TlsOptions.builder().insecureTrustAllCertificates().trustCertificates(CERTIFICATE.chain()).build();
        assertFalse(options.isInsecureTrustAll(), "the later, verifying choice wins");
        assertTrue(TlsOptions.builder().trustCertificates(CERTIFICATE.chain()).insecureTrustAllCertificates().build()
                .isInsecureTrustAll());
    }

    @Test
    void choosingATrustSourceEndsTheJdkDefaultOnAServer() {
        TlsServerOptions options = TlsServerOptions.builder().certificate(CERTIFICATE).clientAuth(ClientAuth.REQUIRED)
                .trustJdkDefaultTrustStore().trustCertificates(CERTIFICATE.chain()).build();
        assertFalse(options.trustsJdkDefaultTrustStore());
        assertEquals(CERTIFICATE.chain(), options.trustedCertificates());
    }

    @Test
    void aSharedSettingTakesPartInEachKindsEquality() {
        assertEquals(TlsOptions.builder().handshakeTimeout(Duration.ofSeconds(2)).build(),
                TlsOptions.builder().handshakeTimeout(Duration.ofSeconds(2)).build());
        assertNotEquals(TlsOptions.builder().handshakeTimeout(Duration.ofSeconds(2)).build(), TlsOptions.defaults());
        TlsServerOptions server = TlsServerOptions.builder().certificate(CERTIFICATE).build();
        assertEquals(server, server.toBuilder().build());
        assertNotEquals(server, server.toBuilder().applicationProtocols("h2").build());
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
