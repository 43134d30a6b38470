package dev.shuttle.internal.tls.crypto;

import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.jce.interfaces.ECPointEncoder;

/**
 * Turns the EC public keys of peer certificates into BouncyCastle's own key objects for ECDSA
 * verification, and keeps the last few, keyed by their complete X.509 encoding.
 *
 * <p>Why keep them: BouncyCastle precomputes multiples of a public key's point on its first
 * verification and stores them with the key object. A client that connects to the same server
 * again gets the same certificate, but parses it anew each time; with a fresh key object, ECDSA
 * P-256 verification cost about 185 us instead of 80 us (measured with {@code TlsCryptoCost},
 * JDK 25, BouncyCastle 1.84). Two keys share a cache entry only if their encodings are equal byte
 * for byte, that is, if they are the same public key; the certificate holding it is verified
 * (chain, dates, names) by the trust manager on every handshake as before.
 *
 * <p>Thread-safe: BouncyCastle's keys are immutable and their points' precomputation is
 * synchronised by BouncyCastle.
 */
public final class EcVerificationKeys {
    /** Enough for the servers a client talks to at once; each entry is a few KB with its precomputation. */
    public static final int CAPACITY = 64;

    private final Provider bouncyCastle;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Encoding, PublicKey> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Encoding, PublicKey> eldest) {
            return size() > CAPACITY;
        }
    };

    public EcVerificationKeys(Provider bouncyCastle) {
        this.bouncyCastle = bouncyCastle;
    }

    /**
     * {@return BouncyCastle's key equal to this one: the key itself if it is BouncyCastle's or not
     * an EC key, else the kept key of the same encoding, else a new one (then kept)}
     *
     * @throws InvalidKeyException if BouncyCastle cannot read the key
     */
    public PublicKey of(PublicKey key) throws InvalidKeyException {
        if (key instanceof ECPointEncoder || !(key instanceof ECPublicKey)) {
            return key;
        }
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            throw new InvalidKeyException("The EC public key has no X.509 encoding");
        }
        Encoding wanted = new Encoding(encoded);
        lock.lock();
        try {
            PublicKey kept = recent.get(wanted);
            if (kept != null) {
                return kept;
            }
        } finally {
            lock.unlock();
        }
        PublicKey converted = convert(encoded);
        lock.lock();
        try {
            recent.put(wanted, converted);
        } finally {
            lock.unlock();
        }
        return converted;
    }

    /** {@return how many keys are kept} */
    public int size() {
        lock.lock();
        try {
            return recent.size();
        } finally {
            lock.unlock();
        }
    }

    private PublicKey convert(byte[] encoded) throws InvalidKeyException {
        try {
            return KeyFactory.getInstance("EC", bouncyCastle).generatePublic(new X509EncodedKeySpec(encoded));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException | RuntimeException e) {
            throw new InvalidKeyException("BouncyCastle cannot read the EC public key: " + e.getMessage(), e);
        }
    }

    /** A key's X.509 encoding, compared byte for byte. */
    private static final class Encoding {
        private final byte[] bytes;
        private final int hash;

        Encoding(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Encoding that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
