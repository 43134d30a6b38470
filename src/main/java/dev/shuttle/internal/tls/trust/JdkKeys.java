package dev.shuttle.internal.tls.trust;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;

/** Private keys in the form the JDK's signatures take, which Shuttle signs ECDSA and RSA with. */
public final class JdkKeys {
    private JdkKeys() {}

    /**
     * {@return the JDK's own form of an EC key that BouncyCastle names "ECDSA" (as its PEM
     * converter and its "ECDSA" key factory do), which the JDK's signatures refuse ("Not an EC
     * key"); any other key as it is}
     *
     * @param key the key
     */
    public static PrivateKey jdkForm(PrivateKey key) {
        if (!key.getAlgorithm().equals("ECDSA")) {
            return key;
        }
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            return key; // a curve the JDK lacks: the key stays BouncyCastle's, for its signatures
        }
    }
}
