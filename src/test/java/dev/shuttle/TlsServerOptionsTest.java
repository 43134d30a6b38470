package dev.shuttle;

import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsServerOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.tls.TlsServerOptions.ClientAuth;
import java.security.KeyStore;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class TlsServerOptionsTest {
    private static final TlsCertificate CERTIFICATE = TlsCertificate.selfSigned("localhost");

    @ParameterizedTest
    @EnumSource(value = ClientAuth.class, names = {"WANTED", "REQUIRED"})
    void askingForClientCertificatesWithoutSayingWhichCasIssueThemIsRefusedAtBuild(ClientAuth clientAuth) {
        TlsServerOptions.Builder builder = TlsServerOptions.builder().certificate(CERTIFICATE).clientAuth(clientAuth);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().startsWith("clientAuth(" + clientAuth + ") needs to know which CAs issue client certificates"),
                e.getMessage());
        for (String call : List.of("trustPem(...)", "trustStore(...)", "trustJdkDefaultTrustStore()")) {
            assertTrue(e.getMessage().contains(call), () -> "expected " + call + " in: " + e.getMessage());
        }
    }

    @Test
    void noClientAuthenticationNeedsNoTrustSource() {
        TlsServerOptions options = TlsServerOptions.builder().certificate(CERTIFICATE).build();
        assertEquals(ClientAuth.NONE, options.clientAuth());
        assertFalse(options.trustsJdkDefaultTrustStore());
        assertTrue(options.toString().contains("trust=none"), options.toString());
    }

    @Test
    void theJdkDefaultTrustStoreIsTrustedForClientsOnlyWhenAskedFor() throws Exception {
        TlsServerOptions options = TlsServerOptions.builder().certificate(CERTIFICATE).clientAuth(ClientAuth.REQUIRED)
                .trustJdkDefaultTrustStore().build();
        assertTrue(options.trustsJdkDefaultTrustStore());
        assertTrue(options.toString().contains("trust=JDK default"), options.toString());
        assertTrue(options.toBuilder().build().trustsJdkDefaultTrustStore());

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        TlsServerOptions replaced = options.toBuilder().trustStore(store).build();
        assertFalse(replaced.trustsJdkDefaultTrustStore());
        assertTrue(replaced.trustStore().isPresent());
        TlsServerOptions back = replaced.toBuilder().trustJdkDefaultTrustStore().build();
        assertTrue(back.trustsJdkDefaultTrustStore());
        assertTrue(back.trustStore().isEmpty());
    }
}
