package dev.shuttle.internal.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

/** Checks that a private key belongs to a certificate, by signing with one and verifying with the other. */
public final class KeyPairCheck {
    private static final byte[] PROBE = "shuttle key pair check".getBytes(StandardCharsets.US_ASCII);

    private KeyPairCheck() {}

    /**
     * Fails unless the key signs what the certificate's public key verifies.
     *
     * @param certificate the leaf certificate
     * @param key its private key, presumably
     * @param fault the message when they do not match
     * @throws IllegalArgumentException with {@code fault} if they do not match, or if the key's
     *     algorithm is not one TLS can use
     */
    public static void requireMatch(X509Certificate certificate, PrivateKey key, String fault) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            case "RSASSA-PSS" -> null;
            default -> throw new IllegalArgumentException(fault + ": unsupported key algorithm " + key.getAlgorithm());
        };
        if (algorithm == null) {
            return;
        }
        boolean matches;
        try {
            Signature signer = signature(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signed = signer.sign();
            Signature verifier = signature(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROBE);
            matches = verifier.verify(signed);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException(fault + " (subject " + certificate.getSubjectX500Principal().getName()
                    + ", key algorithm " + key.getAlgorithm() + ")");
        }
    }

    private static Signature signature(String algorithm) throws GeneralSecurityException {
        try {
            return Signature.getInstance(algorithm);
        } catch (java.security.NoSuchAlgorithmException e) {
            return Signature.getInstance(algorithm, BouncyCastle.crypto());
        }
    }
}
