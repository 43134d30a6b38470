package dev.shuttle.internal.tls.crypto;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.NoSuchPaddingException;
import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;

/**
 * Creates the JCA objects BouncyCastle's TLS stack asks for, each from the provider that does that
 * algorithm fastest: the JDK's own providers for symmetric crypto, hashes, ECDSA signing and RSA,
 * and a BouncyCastle provider <em>instance</em> (never registered with
 * {@link java.security.Security}) for key exchange and ECDSA verification, and for whatever the
 * JDK does not know.
 *
 * <p>Measured on JDK 25 and BouncyCastle 1.84 with {@code TlsCryptoCost} (jmh module; microseconds
 * per operation, one thread, median of alternating rounds, 2-core machine):
 * <ul>
 *   <li>AES-GCM, HMAC, SHA-2: the JDK runs them on the CPU's instructions, about ten times
 *       BouncyCastle's pure-Java speed for bulk transfer.
 *   <li>X25519 key pair plus agreement (each side of every TLS 1.3 handshake): BouncyCastle 59 + 85,
 *       the JDK 147 + 146.
 *   <li>P-256 key pair plus ECDH: BouncyCastle 79 + 158, the JDK 97 + 552.
 *   <li>ECDSA P-256 verification: BouncyCastle 80 with a key object it has used before (its
 *       precomputed multiples are kept with the key, see {@link EcVerificationKeys}), 185 with a
 *       fresh one; the JDK 410. ECDSA signing: the JDK 130, BouncyCastle 260. TLS 1.3 signs with
 *       {@code NoneWithECDSA} (BouncyCastle hashes first), which stays with the JDK, and verifies
 *       with {@code SHA256WITHECDSA} and the like.
 *   <li>RSA-PSS 2048, which BouncyCastle asks for as {@code SHA256WITHRSAANDMGF1} (a name the JDK
 *       does not have): the JDK's {@code RSASSA-PSS} with the matching parameters. Signing costs
 *       about the same in both (JDK 1010, BouncyCastle 1080: both are {@code BigInteger.modPow});
 *       verifying 35 against 40. Without a mapping or fallback for that name, TLS 1.3 with an RSA
 *       certificate fails with {@code handshake_failure}.
 * </ul>
 *
 * <p>The named signatures come from {@link TlsSignatureProvider}.
 */
public final class PerAlgorithmCryptoHelper extends DefaultJcaJceHelper {
    private final Provider bouncyCastle;
    private final Provider signatures;

    public PerAlgorithmCryptoHelper(Provider bouncyCastle) {
        this.bouncyCastle = bouncyCastle;
        this.signatures = new TlsSignatureProvider(bouncyCastle);
    }

    @Override
    public Signature createSignature(String algorithm) throws NoSuchAlgorithmException {
        String name = algorithm.toUpperCase(Locale.ROOT);
        if (signatures.getService("Signature", name) != null) {
            return Signature.getInstance(name, signatures);
        }
        try {
            return super.createSignature(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return Signature.getInstance(algorithm, bouncyCastle);
        }
    }

    @Override
    public KeyAgreement createKeyAgreement(String algorithm) throws NoSuchAlgorithmException {
        if (isKeyExchange(algorithm)) {
            return KeyAgreement.getInstance(algorithm, bouncyCastle);
        }
        try {
            return super.createKeyAgreement(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return KeyAgreement.getInstance(algorithm, bouncyCastle);
        }
    }

    @Override
    public KeyFactory createKeyFactory(String algorithm) throws NoSuchAlgorithmException {
        if (isKeyExchange(algorithm)) {
            return KeyFactory.getInstance(algorithm, bouncyCastle);
        }
        try {
            return super.createKeyFactory(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return KeyFactory.getInstance(algorithm, bouncyCastle);
        }
    }

    @Override
    public KeyPairGenerator createKeyPairGenerator(String algorithm) throws NoSuchAlgorithmException {
        if (isKeyExchange(algorithm)) {
            return KeyPairGenerator.getInstance(algorithm, bouncyCastle);
        }
        try {
            return super.createKeyPairGenerator(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return KeyPairGenerator.getInstance(algorithm, bouncyCastle);
        }
    }

    /**
     * Whether BouncyCastle's TLS crypto uses this name only for ephemeral key exchange: X25519 and
     * X448 key shares, and the EC key pairs and keys of ECDHE. (It reads certificate keys from the
     * certificates, and signs with the key manager's private keys, not with keys made here.)
     */
    private static boolean isKeyExchange(String algorithm) {
        return switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "X25519", "X448", "XDH", "EC", "ECDH" -> true;
            default -> false;
        };
    }

    @Override
    public Cipher createCipher(String algorithm) throws NoSuchAlgorithmException, NoSuchPaddingException {
        try {
            return super.createCipher(algorithm);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            return Cipher.getInstance(algorithm, bouncyCastle);
        }
    }

    @Override
    public Mac createMac(String algorithm) throws NoSuchAlgorithmException {
        try {
            return super.createMac(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return Mac.getInstance(algorithm, bouncyCastle);
        }
    }
}
