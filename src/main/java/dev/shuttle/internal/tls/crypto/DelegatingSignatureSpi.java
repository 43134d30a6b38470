package dev.shuttle.internal.tls.crypto;

import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;

/**
 * A {@link SignatureSpi} that hands every call to another provider's {@link Signature}: one fixed
 * signature, or one chosen when it is initialised for signing or for verifying
 * ({@link TlsSignatureProvider} signs and verifies ECDSA with different providers).
 */
public class DelegatingSignatureSpi extends SignatureSpi {
    private Signature delegate;
    private AlgorithmParameterSpec parameters;

    public DelegatingSignatureSpi(Signature fixed) {
        this.delegate = fixed;
    }

    /** {@return the signature that signs with this key; by default the fixed one} */
    Signature forSigning(PrivateKey key) throws InvalidKeyException {
        return delegate;
    }

    /** {@return the signature that verifies with this key; by default the fixed one} */
    Signature forVerifying(PublicKey key) throws InvalidKeyException {
        return delegate;
    }

    /** {@return the key to give the verifying signature; by default the key itself} */
    PublicKey verificationKey(PublicKey key) throws InvalidKeyException {
        return key;
    }

    public interface SignatureSource {
        Signature get() throws NoSuchAlgorithmException;
    }

    public static Signature fresh(SignatureSource source) throws InvalidKeyException {
        try {
            return source.get();
        } catch (NoSuchAlgorithmException e) {
            throw new InvalidKeyException(e.getMessage(), e);
        }
    }

    private Signature initialised() throws SignatureException {
        if (delegate == null) {
            throw new SignatureException("Signature not initialised");
        }
        return delegate;
    }

    private void choose(Signature chosen) throws InvalidKeyException {
        if (parameters != null && chosen != delegate) {
            try {
                chosen.setParameter(parameters);
            } catch (InvalidAlgorithmParameterException e) {
                throw new InvalidKeyException(e.getMessage(), e);
            }
        }
        delegate = chosen;
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        choose(forVerifying(publicKey));
        delegate.initVerify(verificationKey(publicKey));
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
        choose(forSigning(privateKey));
        delegate.initSign(privateKey);
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey, SecureRandom random) throws InvalidKeyException {
        choose(forSigning(privateKey));
        if (random == null) {
            delegate.initSign(privateKey);
        } else {
            delegate.initSign(privateKey, random);
        }
    }

    @Override
    protected void engineUpdate(byte b) throws SignatureException {
        initialised().update(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
        initialised().update(b, off, len);
    }

    @Override
    protected void engineUpdate(ByteBuffer input) {
        try {
            initialised().update(input);
        } catch (SignatureException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        return initialised().sign();
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
        return initialised().verify(sigBytes);
    }

    @Override
    protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
        parameters = params;
        if (delegate != null) {
            delegate.setParameter(params);
        }
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        return delegate == null ? null : delegate.getParameters();
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new InvalidParameterException("No parameter " + param + ": use an AlgorithmParameterSpec");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new InvalidParameterException("No parameter " + param);
    }
}
