package dev.shuttle.internal.tls.trust;

import dev.shuttle.internal.tls.crypto.BouncyCastle;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;

/** Checks that a private key belongs to a certificate, by signing with one and verifying with the other. */
public final class KeyPairCheck {
    private static final byte[] PROBE = "shuttle key pair check".getBytes(StandardCharsets.US_ASCII);

    private KeyPairCheck() {}

    /**
     * Fails unless the key belongs to the chain's first certificate, the leaf. A key that belongs
     * to a later certificate of the chain (a file listing the CA before the leaf) is reported as
     * such, so that the user puts the leaf first; the chain is never reordered behind their back.
     *
     * @param chain the chain, the leaf first; not empty
     * @param key the leaf's private key, presumably
     * @param keyName the key as the user knows it, such as its file, to start messages with
     * @param chainName where the chain comes from, such as {@code "in chain.pem"}
     * @throws IllegalArgumentException if the key does not belong to the leaf, or if the key's
     *     algorithm is not one TLS can use
     */
    public static void requireLeafMatch(List<X509Certificate> chain, PrivateKey key, String keyName, String chainName) {
        String fault = keyName + " does not belong to the certificate " + chainName;
        X509Certificate leaf = chain.getFirst();
        if (matches(leaf, key, fault)) {
            return;
        }
        for (int i = 1; i < chain.size(); i++) {
            if (matches(chain.get(i), key, fault)) {
                throw new IllegalArgumentException(keyName + " does not belong to the first certificate " + chainName
                        + " (subject " + subject(leaf) + ") but to certificate " + (i + 1) + " of " + chain.size()
                        + " (subject " + subject(chain.get(i)) + "): the certificates are out of order; the leaf, "
                        + "the certificate of this key, must come first, followed by the certificates that issued it");
            }
        }
        throw mismatch(fault, leaf, key);
    }

    private static boolean matches(X509Certificate certificate, PrivateKey key, String fault) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA", "RSASSA-PSS" -> key.getAlgorithm();
            default -> throw new IllegalArgumentException(fault + ": unsupported key algorithm " + key.getAlgorithm());
        };
        try {
            AlgorithmParameterSpec parameters = algorithm.equals("RSASSA-PSS") ? pssParameters(key) : null;
            Signature signer = signature(algorithm, parameters);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signed = signer.sign();
            Signature verifier = signature(algorithm, parameters);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROBE);
            return verifier.verify(signed);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * {@return the parameters an RSASSA-PSS key is restricted to, or, for a key without any (the
     * usual case), those of TLS 1.3's {@code rsa_pss_pss_sha256}: SHA-256, MGF1 with SHA-256, a
     * 32-byte salt}
     */
    private static AlgorithmParameterSpec pssParameters(PrivateKey key) {
        AlgorithmParameterSpec restricted = key instanceof RSAKey rsa ? rsa.getParams() : null;
        return restricted != null ? restricted
                : new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, PSSParameterSpec.TRAILER_FIELD_BC);
    }

    private static IllegalArgumentException mismatch(String fault, X509Certificate certificate, PrivateKey key) {
        return new IllegalArgumentException(fault + " (subject " + subject(certificate) + ", key algorithm " + key.getAlgorithm() + ")");
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    private static Signature signature(String algorithm, AlgorithmParameterSpec parameters) throws GeneralSecurityException {
        Signature signature;
        try {
            signature = Signature.getInstance(algorithm);
        } catch (java.security.NoSuchAlgorithmException e) {
            signature = Signature.getInstance(algorithm, BouncyCastle.crypto());
        }
        if (parameters != null) {
            signature.setParameter(parameters);
        }
        return signature;
    }
}
