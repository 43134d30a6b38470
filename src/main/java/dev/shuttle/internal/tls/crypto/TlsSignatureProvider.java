package dev.shuttle.internal.tls.crypto;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import java.util.Map;

/**
 * A provider instance (never registered with {@link java.security.Security}) with the signatures
 * BouncyCastle's TLS asks for by name, each made of the fastest parts of the JDK and BouncyCastle:
 * <ul>
 *   <li>{@code SHA256WITHRSAANDMGF1}, {@code SHA384WITHRSAANDMGF1}, {@code SHA512WITHRSAANDMGF1}:
 *       the JDK's own {@code RSASSA-PSS} with the parameters TLS uses (RFC 8446 4.2.3: MGF1 with
 *       the same hash, a salt as long as the hash). The JDK has no signature by these names.
 *   <li>{@code SHA256WITHECDSA}, {@code SHA384WITHECDSA}, {@code SHA512WITHECDSA}: verified by
 *       BouncyCastle (80 us against the JDK's 410 us for P-256), after turning a JDK public key into a
 *       BouncyCastle one, kept per public key by {@link EcVerificationKeys} (given a foreign key,
 *       BouncyCastle rebuilds the curve and its precomputed multiples on every verification; with
 *       a fresh key of its own, it recomputes the key's multiples). Signed by the JDK (about 2x
 *       BouncyCastle's speed).
 * </ul>
 *
 * <p>Why a provider and not just a {@code Signature}: BouncyCastle creates a signature through its
 * helper, initialises it to learn which provider accepts the key, then asks <em>that provider</em>
 * for the same name again.
 */
public final class TlsSignatureProvider extends Provider {
    private static final long serialVersionUID = 1L;

    private final transient Provider bouncyCastle;
    private final transient EcVerificationKeys verificationKeys;

    public TlsSignatureProvider(Provider bouncyCastle) {
        super("ShuttleTlsSignatures", "1.0", "RSA-PSS by the JDK, ECDSA verified by BouncyCastle, under BouncyCastle's TLS names");
        this.bouncyCastle = bouncyCastle;
        this.verificationKeys = new EcVerificationKeys(bouncyCastle);
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
                return verificationKeys.of(key);
            }
        };
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
