package dev.shuttle.internal.tls;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Map;
import org.bouncycastle.jce.interfaces.ECPointEncoder;

/**
 * A provider instance (never registered with {@link java.security.Security}) with the signatures
 * BouncyCastle's TLS asks for by name, each made of the fastest parts of the JDK and BouncyCastle:
 * <ul>
 *   <li>{@code SHA256WITHRSAANDMGF1}, {@code SHA384WITHRSAANDMGF1}, {@code SHA512WITHRSAANDMGF1}:
 *       the JDK's own {@code RSASSA-PSS} with the parameters TLS uses (RFC 8446 4.2.3: MGF1 with
 *       the same hash, a salt as long as the hash). The JDK has no signature by these names.
 *   <li>{@code SHA256WITHECDSA}, {@code SHA384WITHECDSA}, {@code SHA512WITHECDSA}: verified by
 *       BouncyCastle (about 2.7x the JDK's speed), after turning a JDK public key into a
 *       BouncyCastle one: given a foreign key, BouncyCastle rebuilds the curve's generator point
 *       and its precomputed multiples on every verification, which costs about twice the
 *       verification itself. Signed by the JDK (about 1.5x BouncyCastle's speed).
 * </ul>
 *
 * <p>Why a provider and not just a {@code Signature}: BouncyCastle creates a signature through its
 * helper, initialises it to learn which provider accepts the key, then asks <em>that provider</em>
 * for the same name again.
 */
final class TlsSignatureProvider extends Provider {
    private static final long serialVersionUID = 1L;

    private final transient Provider bouncyCastle;

    TlsSignatureProvider(Provider bouncyCastle) {
        super("ShuttleTlsSignatures", "1.0", "RSA-PSS by the JDK, ECDSA verified by BouncyCastle, under BouncyCastle's TLS names");
        this.bouncyCastle = bouncyCastle;
        for (int bits : new int[] {256, 384, 512}) {
            putService(new Service(this, "SHA" + bits + "WITHRSAANDMGF1", () -> rsaPss(bits)));
            putService(new Service(this, "SHA" + bits + "WITHECDSA", () -> ecdsa("SHA" + bits + "withECDSA")));
        }
    }

    private static DelegatingSignatureSpi rsaPss(int bits) throws NoSuchAlgorithmException {
        String digest = "SHA-" + bits;
        Signature jdk = Signature.getInstance("RSASSA-PSS");
        try {
            jdk.setParameter(new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), bits / 8,
                    PSSParameterSpec.TRAILER_FIELD_BC));
        } catch (InvalidAlgorithmParameterException e) {
            throw new NoSuchAlgorithmException("The JDK's RSASSA-PSS refuses " + digest + " parameters", e);
        }
        return new DelegatingSignatureSpi(jdk);
    }

    private DelegatingSignatureSpi ecdsa(String algorithm) {
        return new DelegatingSignatureSpi(null) {
            @Override
            Signature forSigning(PrivateKey key) throws InvalidKeyException {
                return fresh(() -> Signature.getInstance(algorithm));
            }

            @Override
            Signature forVerifying(PublicKey key) throws InvalidKeyException {
                return fresh(() -> Signature.getInstance(algorithm, bouncyCastle));
            }

            @Override
            PublicKey verificationKey(PublicKey key) throws InvalidKeyException {
                return bouncyCastleKey(key);
            }
        };
    }

    /** {@return the key as BouncyCastle's own EC public key, from its X.509 encoding} */
    private PublicKey bouncyCastleKey(PublicKey key) throws InvalidKeyException {
        if (key instanceof ECPointEncoder || !(key instanceof java.security.interfaces.ECPublicKey)) {
            return key;
        }
        try {
            return KeyFactory.getInstance("EC", bouncyCastle).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException | RuntimeException e) {
            throw new InvalidKeyException("BouncyCastle cannot read the EC public key: " + e.getMessage(), e);
        }
    }

    private interface SpiFactory {
        DelegatingSignatureSpi create() throws NoSuchAlgorithmException;
    }

    private static final class Service extends Provider.Service {
        private final SpiFactory factory;

        Service(Provider provider, String algorithm, SpiFactory factory) {
            super(provider, "Signature", algorithm, DelegatingSignatureSpi.class.getName(), List.of(), Map.of());
            this.factory = factory;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            return factory.create();
        }

        @Override
        public boolean supportsParameter(Object parameter) {
            return getAlgorithm().endsWith("RSAANDMGF1") ? parameter instanceof java.security.interfaces.RSAKey
                    : parameter instanceof java.security.interfaces.ECKey;
        }
    }
}
