package dev.shuttle.internal.tls;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.NoSuchPaddingException;
import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;

/**
 * Creates the JCA objects BouncyCastle's TLS stack asks for: from the JDK's own providers first
 * (fast AES-GCM and SHA on the CPU's instructions), and from a BouncyCastle provider
 * <em>instance</em> only when the JDK does not know the algorithm.
 *
 * <p>The case that matters: for TLS 1.3 RSA-PSS signatures BouncyCastle asks for a
 * {@code Signature} named {@code SHA256WITHRSAANDMGF1} (and the 384 and 512 variants), a name the
 * JDK does not have (it calls the scheme {@code RSASSA-PSS} with parameters). Without this fallback
 * a TLS 1.3 handshake with an RSA certificate fails with {@code handshake_failure}. The instance is
 * never registered with {@link java.security.Security}.
 */
final class JdkFirstCryptoHelper extends DefaultJcaJceHelper {
    private final Provider fallback;

    JdkFirstCryptoHelper(Provider fallback) {
        this.fallback = fallback;
    }

    @Override
    public Signature createSignature(String algorithm) throws NoSuchAlgorithmException {
        try {
            return super.createSignature(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return Signature.getInstance(algorithm, fallback);
        }
    }

    @Override
    public Cipher createCipher(String algorithm) throws NoSuchAlgorithmException, NoSuchPaddingException {
        try {
            return super.createCipher(algorithm);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            return Cipher.getInstance(algorithm, fallback);
        }
    }

    @Override
    public KeyAgreement createKeyAgreement(String algorithm) throws NoSuchAlgorithmException {
        try {
            return super.createKeyAgreement(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return KeyAgreement.getInstance(algorithm, fallback);
        }
    }

    @Override
    public KeyFactory createKeyFactory(String algorithm) throws NoSuchAlgorithmException {
        try {
            return super.createKeyFactory(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return KeyFactory.getInstance(algorithm, fallback);
        }
    }

    @Override
    public KeyPairGenerator createKeyPairGenerator(String algorithm) throws NoSuchAlgorithmException {
        try {
            return super.createKeyPairGenerator(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return KeyPairGenerator.getInstance(algorithm, fallback);
        }
    }

    @Override
    public Mac createMac(String algorithm) throws NoSuchAlgorithmException {
        try {
            return super.createMac(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return Mac.getInstance(algorithm, fallback);
        }
    }
}
