package dev.shuttle.internal.tls;

/**
 * The signature schemes Shuttle offers and accepts in TLS handshakes (the
 * {@code signature_algorithms} extension), on clients and servers alike: ECDSA with SHA-2,
 * EdDSA, RSA-PSS and RSA PKCS#1 v1.5 with SHA-2. No SHA-1, no SHA-224, no DSA.
 *
 * <p>The JDK forbids SHA-1 handshake signatures itself ({@code jdk.tls.disabledAlgorithms}:
 * {@code rsa_pkcs1_sha1 usage HandshakeSignature}, and the same for ECDSA and DSA), but
 * BouncyCastle JSSE does not understand those usage constraints and, left to its defaults, offers
 * and accepts {@code ecdsa_sha1}, {@code rsa_pkcs1_sha1} and {@code dsa_sha1} in TLS 1.2. So the list
 * is set on every socket and engine ({@code SSLParameters.setSignatureSchemes}, which BouncyCastle
 * honours). Without a {@code signature_algorithms_cert} list it also governs which certificate
 * signatures a peer is told are acceptable; {@link CertificateStrength} checks the chain itself.
 */
public final class SignatureSchemes {
    private static final String[] DEFAULT = {
        "ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512",
        "ed25519", "ed448",
        "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512",
        "rsa_pss_pss_sha256", "rsa_pss_pss_sha384", "rsa_pss_pss_sha512",
        "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512",
    };

    private SignatureSchemes() {}

    /** {@return the schemes, strongest kinds first, as {@code SSLParameters.setSignatureSchemes} takes them} */
    public static String[] defaults() {
        return DEFAULT.clone();
    }
}
