package dev.shuttle.internal.tls.trust;

import java.security.PublicKey;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Refuses certificates of a peer's chain that are signed with a broken hash or hold a key too
 * small to trust, which BouncyCastle's PKIX validation lets through: the JDK's own limits
 * ({@code jdk.certpath.disabledAlgorithms}: {@code SHA1 jdkCA & usage TLSServer},
 * {@code RSA keySize < 1024}) are either in forms BouncyCastle does not apply or lower than
 * today's practice.
 *
 * <p>By default, for every certificate on the path from the peer's certificate up to (not
 * including) the trust anchor: no signature with MD2, MD5 or SHA-1, nor with DSA; no RSA key
 * below 2048 bits, no EC key below 256 bits (P-256), no DSA key. Trust anchors themselves are
 * exempt: a root is trusted for what it is, not for its self-signature, as in browsers and the
 * JDK ({@code jdkCA}).
 */
public final class CertificateStrength {
    public static final int MIN_RSA_BITS = 2048;
    public static final int MIN_EC_BITS = 256;

    private CertificateStrength() {}

    /**
     * Checks the path's certificates that are not trust anchors.
     *
     * @param path the peer's certificate first, then its issuers towards the anchor
     * @param anchors the trusted certificates
     * @param peer "server" or "client", for messages
     * @throws PeerCertificateException naming the certificate and what is wrong with it
     */
    public static void check(List<X509Certificate> path, X509Certificate[] anchors, String peer) throws PeerCertificateException {
        List<X509Certificate> trusted = Arrays.asList(anchors);
        for (int i = 0; i < path.size(); i++) {
            X509Certificate certificate = path.get(i);
            if (trusted.contains(certificate)) {
                continue;
            }
            String which = i == 0 ? "the " + peer + "'s certificate (" + subject(certificate) + ")"
                    : "the issuer certificate " + subject(certificate) + " in the " + peer + "'s chain";
            String signature = weakSignature(certificate.getSigAlgName());
            if (signature != null) {
                throw new PeerCertificateException(which + " is signed with " + certificate.getSigAlgName() + ", which is refused: "
                        + signature);
            }
            String key = weakKey(certificate.getPublicKey());
            if (key != null) {
                throw new PeerCertificateException(which + " has " + key);
            }
        }
    }

    /** {@return why a signature algorithm is refused, or null if it is not} */
    private static String weakSignature(String algorithm) {
        String name = algorithm.toUpperCase(Locale.ROOT);
        if (name.startsWith("SHA1") || name.startsWith("SHA-1") || name.contains("WITHSHA1")) {
            return "SHA-1 signatures can be forged (chosen-prefix collisions, 2020); the certificate must be reissued with SHA-256";
        }
        if (name.startsWith("MD5") || name.startsWith("MD2")) {
            return algorithm.substring(0, 3) + " signatures can be forged; the certificate must be reissued with SHA-256";
        }
        if (name.endsWith("WITHDSA")) {
            return "DSA is no longer accepted for certificate signatures; use ECDSA, EdDSA or RSA";
        }
        return null;
    }

    /** {@return why a public key is refused (as "a 1024-bit RSA key ..."), or null if it is not} */
    private static String weakKey(PublicKey key) {
        if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            return "a " + rsa.getModulus().bitLength() + "-bit RSA key, which is refused: RSA keys must have at least "
                    + MIN_RSA_BITS + " bits";
        }
        if (key instanceof ECKey ec && ec.getParams() != null && ec.getParams().getCurve().getField().getFieldSize() < MIN_EC_BITS) {
            return "a " + ec.getParams().getCurve().getField().getFieldSize() + "-bit EC key, which is refused: EC keys must be on"
                    + " a curve of at least " + MIN_EC_BITS + " bits (P-256)";
        }
        if (key instanceof DSAKey) {
            return "a DSA key, which is refused: use ECDSA, EdDSA or RSA";
        }
        return null;
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
