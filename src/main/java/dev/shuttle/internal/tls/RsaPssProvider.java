package dev.shuttle.internal.tls;

import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import java.util.Map;

/**
 * A provider instance (never registered with {@link java.security.Security}) with the RSA-PSS
 * signatures under the names BouncyCastle's TLS asks for, {@code SHA256WITHRSAANDMGF1},
 * {@code SHA384WITHRSAANDMGF1} and {@code SHA512WITHRSAANDMGF1}, each running the JDK's own
 * {@code RSASSA-PSS} with the parameters TLS uses (RFC 8446 4.2.3: MGF1 with the same hash, a salt
 * as long as the hash).
 *
 * <p>Why a provider and not just a {@code Signature}: BouncyCastle creates the signature through
 * its helper, initialises it to learn which provider accepts the key, then asks <em>that
 * provider</em> for the same name again. The JDK's providers do not have these names; this one does.
 */
final class RsaPssProvider extends Provider {
    private static final long serialVersionUID = 1L;

    RsaPssProvider() {
        super("ShuttleRsaPss", "1.0", "RSA-PSS under BouncyCastle's TLS names, by the JDK's RSASSA-PSS");
        for (int bits : new int[] {256, 384, 512}) {
            putService(new PssService(this, bits));
        }
    }

    private static final class PssService extends Provider.Service {
        private final String digest;
        private final int saltLength;

        PssService(Provider provider, int bits) {
            super(provider, "Signature", "SHA" + bits + "WITHRSAANDMGF1", RsaPssProvider.class.getName(),
                    List.of("SHA" + bits + "withRSAandMGF1"), Map.of("SupportedKeyClasses",
                            "java.security.interfaces.RSAPublicKey|java.security.interfaces.RSAPrivateKey"));
            this.digest = "SHA-" + bits;
            this.saltLength = bits / 8;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            Signature jdk = Signature.getInstance("RSASSA-PSS");
            try {
                jdk.setParameter(new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), saltLength,
                        PSSParameterSpec.TRAILER_FIELD_BC));
            } catch (InvalidAlgorithmParameterException e) {
                throw new NoSuchAlgorithmException("The JDK's RSASSA-PSS refuses " + digest + " parameters", e);
            }
            return new Delegating(jdk);
        }

        @Override
        public boolean supportsParameter(Object parameter) {
            return parameter instanceof java.security.interfaces.RSAKey;
        }
    }

    /** The SPI that hands every call to the JDK's {@code Signature}. */
    private static final class Delegating extends SignatureSpi {
        private final Signature jdk;

        Delegating(Signature jdk) {
            this.jdk = jdk;
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            jdk.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            jdk.initSign(privateKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey, SecureRandom random) throws InvalidKeyException {
            if (random == null) {
                jdk.initSign(privateKey);
            } else {
                jdk.initSign(privateKey, random);
            }
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            jdk.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            jdk.update(b, off, len);
        }

        @Override
        protected void engineUpdate(java.nio.ByteBuffer input) {
            try {
                jdk.update(input);
            } catch (SignatureException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            return jdk.sign();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            return jdk.verify(sigBytes);
        }

        @Override
        protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
            jdk.setParameter(params);
        }

        @Override
        protected AlgorithmParameters engineGetParameters() {
            return jdk.getParameters();
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("RSA-PSS takes a PSSParameterSpec, not " + param);
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("RSA-PSS has no parameter " + param);
        }
    }
}
