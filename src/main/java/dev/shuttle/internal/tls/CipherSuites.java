package dev.shuttle.internal.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The cipher suites Shuttle enables, in order of preference: AES-GCM first (the JDK runs it on
 * the CPU's AES and carry-less multiply instructions, several times faster than ChaCha20 on
 * machines that have them), ChaCha20-Poly1305 next, and only forward-secret (ECDHE) suites for
 * TLS 1.2. Servers apply their own order, so a client preferring ChaCha20 still gets AES-GCM.
 */
public final class CipherSuites {
    private static final List<String> PREFERRED = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private CipherSuites() {}

    /** {@return the preferred suites this context supports, in order} */
    public static String[] of(SSLContext context) {
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
        List<String> enabled = new ArrayList<>();
        for (String suite : PREFERRED) {
            if (supported.contains(suite)) {
                enabled.add(suite);
            }
        }
        return enabled.toArray(String[]::new);
    }
}
