package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.crypto.BouncyCastle;
import dev.shuttle.internal.tls.crypto.EcVerificationKeys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.interfaces.ECPointEncoder;
import org.junit.jupiter.api.Test;

class EcVerificationKeysTest {
    private static final byte[] MESSAGE = "certificate verify".getBytes(StandardCharsets.UTF_8);

    private final EcVerificationKeys keys = new EcVerificationKeys(BouncyCastle.crypto());

    @Test
    void theSamePublicKeyParsedAgainGivesTheKeptBouncyCastleKey() throws Exception {
        KeyPair pair = ecKeyPair();
        PublicKey first = keys.of(pair.getPublic());
        PublicKey again = keys.of(copyOf(pair.getPublic()));
        assertTrue(first instanceof ECPointEncoder, "BouncyCastle's own key");
        assertSame(first, again);
        assertArrayEquals(pair.getPublic().getEncoded(), first.getEncoded());
    }

    @Test
    void aDifferentPublicKeyNeverGetsAnotherKeysEntry() throws Exception {
        KeyPair one = ecKeyPair();
        KeyPair other = ecKeyPair();
        PublicKey first = keys.of(one.getPublic());
        PublicKey second = keys.of(other.getPublic());
        assertNotSame(first, second);
        assertArrayEquals(other.getPublic().getEncoded(), second.getEncoded());
        byte[] signedByOne = sign(one);
        assertTrue(verify(keys.of(one.getPublic()), signedByOne));
        assertFalse(verify(keys.of(other.getPublic()), signedByOne), "one key's signature must not verify with the other");
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() throws Exception {
        KeyPair kept = ecKeyPair();
        PublicKey first = keys.of(kept.getPublic());
        for (int i = 0; i < EcVerificationKeys.CAPACITY + 5; i++) {
            keys.of(ecKeyPair().getPublic());
            keys.of(kept.getPublic()); // used again: stays
        }
        assertEquals(EcVerificationKeys.CAPACITY, keys.size());
        assertSame(first, keys.of(kept.getPublic()));
    }

    @Test
    void bouncyCastleAndNonEcKeysPassThroughUnchanged() throws Exception {
        PublicKey bouncyCastleKey = keys.of(ecKeyPair().getPublic());
        assertSame(bouncyCastleKey, keys.of(bouncyCastleKey));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        PublicKey rsaKey = rsa.generateKeyPair().getPublic();
        assertSame(rsaKey, keys.of(rsaKey));
        assertEquals(1, keys.size());
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static PublicKey copyOf(PublicKey key) throws Exception {
        return java.security.KeyFactory.getInstance("EC").generatePublic(new java.security.spec.X509EncodedKeySpec(key.getEncoded()));
    }

    private static byte[] sign(KeyPair pair) throws Exception {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(pair.getPrivate());
        signature.update(MESSAGE);
        return signature.sign();
    }

    private static boolean verify(PublicKey key, byte[] signed) throws Exception {
        Signature signature = Signature.getInstance("SHA256withECDSA", BouncyCastle.crypto());
        signature.initVerify(key);
        signature.update(MESSAGE);
        return signature.verify(signed);
    }
}
