package dev.shuttle.internal.tls.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCryptoUtils;
import org.bouncycastle.tls.crypto.TlsSecret;

/**
 * One direction of an AES-GCM record layer: its key, the fixed part of its nonces, and the JCA
 * cipher that seals or opens its records. The nonce and the additional data are built in arrays
 * kept here, so a record costs no allocation but the cipher's own parameters.
 *
 * <p>TLS 1.3 (RFC 8446 section 5.3): the key and a 12-byte IV come from the traffic secret
 * ({@code HKDF-Expand-Label(secret, "key" | "iv", "", length)}, section 7.3); the nonce is the IV
 * with the 64-bit record sequence number XORed into its last 8 bytes; the additional data is the
 * record header. TLS 1.2 (RFC 5288): the key and a 4-byte salt come from the key block; the nonce
 * is the salt and the 8-byte explicit nonce carried in the record (Shuttle sends the sequence
 * number); the additional data is sequence number, type, version and plaintext length.
 *
 * <p>A nonce must never repeat under one key (with AES-GCM, a repeat gives away the XOR of the two
 * plaintexts and lets the authentication key be recovered). BouncyCastle's record layer numbers
 * the records of each key 0, 1, 2 ... and refuses to go past 2^64 - 1; this class does not take
 * that on trust: under each key the sequence numbers must rise (as unsigned numbers), so a number
 * used again, or one that wrapped round to 0, is refused ({@code internal_error}) before the
 * cipher runs. A new key (a TLS 1.3 key update) starts again from any number.
 *
 * <p>Not thread-safe: its owner serialises the records of each direction.
 */
public final class GcmRecordKey {
    public static final int TAG_LENGTH = 16;
    public static final int TLS13_IV_LENGTH = 12;
    public static final int TLS12_SALT_LENGTH = 4;
    public static final int TLS12_EXPLICIT_NONCE_LENGTH = 8;

    private final Cipher cipher;
    private final int mode;
    private final byte[] nonce = new byte[TLS13_IV_LENGTH];
    private final byte[] additionalData;
    private SecretKeySpec key;
    private byte[] fixedNonce;
    /** Whether a record has been sealed or opened under the current key, and its sequence number. */
    private boolean keyUsed;
    private long lastSeqNo;

    /**
     * @param cipher a JCA {@code AES/GCM/NoPadding} cipher of its own
     * @param sealing {@code true} to encrypt, {@code false} to decrypt
     * @param tls13 which record format: TLS 1.3, or TLS 1.2
     */
    public GcmRecordKey(Cipher cipher, boolean sealing, boolean tls13) {
        this.cipher = cipher;
        this.mode = sealing ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
        this.additionalData = new byte[tls13 ? 5 : 13];
    }

    /** Takes the key and IV of a TLS 1.3 traffic secret: at the start, and at each key update. */
    public void useTrafficSecret(TlsSecret secret, int cryptoHashAlgorithm, int keySize) throws IOException {
        if (secret == null) {
            throw new TlsFatalAlert(AlertDescription.internal_error);
        }
        byte[] keyBytes = TlsCryptoUtils.hkdfExpandLabel(secret, cryptoHashAlgorithm, "key", TlsUtils.EMPTY_BYTES, keySize)
                .extract();
        this.fixedNonce = TlsCryptoUtils.hkdfExpandLabel(secret, cryptoHashAlgorithm, "iv", TlsUtils.EMPTY_BYTES,
                TLS13_IV_LENGTH).extract();
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.keyUsed = false;
    }

    /** Takes a TLS 1.2 key and salt from the key block. */
    public void useKeyBlock(byte[] block, int keyOffset, int keySize, int saltOffset) {
        this.key = new SecretKeySpec(block, keyOffset, keySize, "AES");
        this.fixedNonce = new byte[TLS12_SALT_LENGTH];
        System.arraycopy(block, saltOffset, fixedNonce, 0, TLS12_SALT_LENGTH);
        this.keyUsed = false;
    }

    /** Refuses a sequence number that does not come after the last one used under this key. */
    private void checkSequence(long seqNo) throws TlsFatalAlert {
        if (keyUsed && Long.compareUnsigned(seqNo, lastSeqNo) <= 0) {
            throw new TlsFatalAlert(AlertDescription.internal_error,
                    "record sequence number " + Long.toUnsignedString(seqNo) + " does not follow "
                            + Long.toUnsignedString(lastSeqNo) + " under the same key");
        }
        keyUsed = true;
        lastSeqNo = seqNo;
    }

    /**
     * Prepares the nonce and additional data of a TLS 1.3 record of {@code recordLength} bytes after its header.
     *
     * @throws TlsFatalAlert if {@code seqNo} does not come after the last one under this key
     */
    public void tls13Record(long seqNo, short recordType, ProtocolVersion recordVersion, int recordLength)
            throws TlsFatalAlert {
        checkSequence(seqNo);
        System.arraycopy(fixedNonce, 0, nonce, 0, TLS13_IV_LENGTH);
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] ^= (byte) (seqNo >>> (56 - 8 * i));
        }
        TlsUtils.writeUint8(recordType, additionalData, 0);
        TlsUtils.writeVersion(recordVersion, additionalData, 1);
        TlsUtils.writeUint16(recordLength, additionalData, 3);
    }

    /**
     * Prepares the nonce and additional data of a TLS 1.2 record.
     *
     * @param explicitNonce where the record's 8-byte explicit nonce is (read when opening; written
     *     with the sequence number when sealing)
     * @throws TlsFatalAlert if {@code seqNo} does not come after the last one under this key
     */
    public void tls12Record(long seqNo, short contentType, ProtocolVersion recordVersion, int plaintextLength,
            byte[] explicitNonce, int explicitOffset) throws TlsFatalAlert {
        checkSequence(seqNo);
        System.arraycopy(fixedNonce, 0, nonce, 0, TLS12_SALT_LENGTH);
        if (mode == Cipher.ENCRYPT_MODE) {
            TlsUtils.writeUint64(seqNo, explicitNonce, explicitOffset);
        }
        System.arraycopy(explicitNonce, explicitOffset, nonce, TLS12_SALT_LENGTH, TLS12_EXPLICIT_NONCE_LENGTH);
        TlsUtils.writeUint64(seqNo, additionalData, 0);
        TlsUtils.writeUint8(contentType, additionalData, 8);
        TlsUtils.writeVersion(recordVersion, additionalData, 9);
        TlsUtils.writeUint16(plaintextLength, additionalData, 11);
    }

    /**
     * Seals or opens the prepared record.
     *
     * @return the bytes written to {@code out}
     * @throws GeneralSecurityException if opening finds a wrong tag ({@code AEADBadTagException})
     */
    public int run(byte[] in, int inOffset, int length, byte[] out, int outOffset) throws GeneralSecurityException {
        cipher.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
        cipher.updateAAD(additionalData);
        return cipher.doFinal(in, inOffset, length, out, outOffset);
    }
}
