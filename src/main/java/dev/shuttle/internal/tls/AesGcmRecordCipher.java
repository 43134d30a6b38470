package dev.shuttle.internal.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.ContentType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsCryptoUtils;
import org.bouncycastle.tls.crypto.TlsDecodeResult;
import org.bouncycastle.tls.crypto.TlsEncodeResult;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.TlsImplUtils;

/**
 * The record protection of AES-GCM cipher suites (TLS 1.3 and TLS 1.2), with the encrypting half
 * written for bulk transfer: application data is encrypted into one buffer that this cipher keeps
 * for the connection, where BouncyCastle's own {@code TlsAEADCipher} allocates a new record-sized
 * array for every record (about a quarter of the cost of encrypting a 16 KiB record, measured with
 * the JDK's AES-GCM), and the JCA cipher is initialised with a {@link GCMParameterSpec} instead of
 * an {@code AlgorithmParameters} object looked up per record.
 *
 * <p>Decrypting stays with BouncyCastle's {@code TlsAEADCipher} ({@code decoder}), so every check on
 * what the peer sends (lengths, tags, TLS 1.3 padding and content type) is BouncyCastle's. Both
 * halves derive their keys the same way from the same secrets: RFC 8446 section 7.3 for TLS 1.3
 * ({@code HKDF-Expand-Label(traffic_secret, "key" | "iv")}, again at each key update), RFC 5246
 * section 6.3 and RFC 5288 for TLS 1.2 (key block: client key, server key, client salt, server
 * salt; explicit nonce = the record's sequence number).
 *
 * <p>Reusing the buffer is safe because BouncyCastle writes application data under one lock per
 * connection and hands each encoded record to the socket (or, for an {@code SSLEngine}, copies it)
 * before it encodes the next; alerts and handshake messages, which may be written from another
 * thread, get an array of their own. Encoding is {@code synchronized} so that such a record never
 * shares the JCA cipher with another one.
 */
final class AesGcmRecordCipher implements TlsCipher {
    private static final int TAG_LENGTH = 16;
    private static final int TLS12_SALT_LENGTH = 4;
    private static final int TLS12_EXPLICIT_NONCE_LENGTH = 8;
    private static final int TLS13_IV_LENGTH = 12;

    private final TlsCipher decoder;
    private final TlsCryptoParameters cryptoParams;
    private final boolean tls13;
    private final int keySize;
    private final int explicitNonceLength;
    private final Cipher cipher;
    private final byte[] nonce = new byte[12];
    private final byte[] additionalData;
    private SecretKeySpec key;
    /** The fixed part of the nonce: TLS 1.3's 12-byte IV, or TLS 1.2's 4-byte salt. */
    private byte[] iv;
    private byte[] recordBuffer = new byte[0];

    /**
     * @param decoder BouncyCastle's cipher for the same connection and suite, which decrypts
     * @param keySize 16 for AES-128-GCM, 32 for AES-256-GCM
     */
    AesGcmRecordCipher(TlsCryptoParameters cryptoParams, TlsCipher decoder, Cipher cipher, int keySize)
            throws IOException {
        this.decoder = decoder;
        this.cryptoParams = cryptoParams;
        this.cipher = cipher;
        this.keySize = keySize;
        SecurityParameters handshake = cryptoParams.getSecurityParametersHandshake();
        this.tls13 = TlsImplUtils.isTLSv13(handshake.getNegotiatedVersion());
        this.explicitNonceLength = tls13 ? 0 : TLS12_EXPLICIT_NONCE_LENGTH;
        this.additionalData = new byte[tls13 ? 5 : 13];
        if (tls13) {
            keyFromTrafficSecret(handshake);
        } else {
            keyFromKeyBlock();
        }
    }

    /** Whether this cipher can protect records of a connection with these parameters. */
    static boolean supports(TlsCryptoParameters cryptoParams) {
        SecurityParameters handshake = cryptoParams.getSecurityParametersHandshake();
        ProtocolVersion version = handshake.getNegotiatedVersion();
        return version != null
                && !version.isDTLS()
                && TlsImplUtils.isTLSv12(version)
                && isEmpty(handshake.getConnectionIDLocal())
                && isEmpty(handshake.getConnectionIDPeer());
    }

    private static boolean isEmpty(byte[] bytes) {
        return bytes == null || bytes.length == 0;
    }

    private void keyFromTrafficSecret(SecurityParameters parameters) throws IOException {
        TlsSecret secret = cryptoParams.isServer() ? parameters.getTrafficSecretServer() : parameters.getTrafficSecretClient();
        if (secret == null) {
            throw new TlsFatalAlert(AlertDescription.internal_error);
        }
        int hash = parameters.getPRFCryptoHashAlgorithm();
        byte[] keyBytes = TlsCryptoUtils.hkdfExpandLabel(secret, hash, "key", TlsUtils.EMPTY_BYTES, keySize).extract();
        this.iv = TlsCryptoUtils.hkdfExpandLabel(secret, hash, "iv", TlsUtils.EMPTY_BYTES, TLS13_IV_LENGTH).extract();
        this.key = new SecretKeySpec(keyBytes, "AES");
    }

    private void keyFromKeyBlock() throws IOException {
        byte[] block = TlsImplUtils.calculateKeyBlock(cryptoParams, 2 * keySize + 2 * TLS12_SALT_LENGTH);
        boolean server = cryptoParams.isServer();
        this.key = new SecretKeySpec(block, server ? keySize : 0, keySize, "AES");
        this.iv = new byte[TLS12_SALT_LENGTH];
        System.arraycopy(block, 2 * keySize + (server ? TLS12_SALT_LENGTH : 0), iv, 0, TLS12_SALT_LENGTH);
    }

    @Override
    public synchronized TlsEncodeResult encodePlaintext(long seqNo, short contentType, ProtocolVersion recordVersion,
            int headerAllocation, byte[] plaintext, int offset, int length) throws IOException {
        int innerLength = length + (tls13 ? 1 : 0);
        int ciphertextLength = explicitNonceLength + innerLength + TAG_LENGTH;
        int recordLength = headerAllocation + ciphertextLength;
        byte[] output = contentType == ContentType.application_data ? reusableBuffer(recordLength) : new byte[recordLength];
        int position = headerAllocation;
        short recordType = contentType;
        if (tls13) {
            System.arraycopy(iv, 0, nonce, 0, TLS13_IV_LENGTH);
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] ^= (byte) (seqNo >>> (56 - 8 * i));
            }
            recordType = ContentType.application_data;
            TlsUtils.writeUint8(recordType, additionalData, 0);
            TlsUtils.writeVersion(recordVersion, additionalData, 1);
            TlsUtils.writeUint16(ciphertextLength, additionalData, 3);
        } else {
            System.arraycopy(iv, 0, nonce, 0, TLS12_SALT_LENGTH);
            TlsUtils.writeUint64(seqNo, nonce, TLS12_SALT_LENGTH);
            System.arraycopy(nonce, TLS12_SALT_LENGTH, output, position, TLS12_EXPLICIT_NONCE_LENGTH);
            position += TLS12_EXPLICIT_NONCE_LENGTH;
            TlsUtils.writeUint64(seqNo, additionalData, 0);
            TlsUtils.writeUint8(contentType, additionalData, 8);
            TlsUtils.writeVersion(recordVersion, additionalData, 9);
            TlsUtils.writeUint16(length, additionalData, 11);
        }
        System.arraycopy(plaintext, offset, output, position, length);
        if (tls13) {
            output[position + length] = (byte) contentType;
        }
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(additionalData);
            position += cipher.doFinal(output, position, innerLength, output, position);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, e);
        }
        if (position != recordLength) {
            throw new TlsFatalAlert(AlertDescription.internal_error);
        }
        return new TlsEncodeResult(output, 0, recordLength, recordType);
    }

    private byte[] reusableBuffer(int length) {
        if (recordBuffer.length < length) {
            recordBuffer = new byte[length];
        }
        return recordBuffer;
    }

    @Override
    public synchronized void rekeyEncoder() throws IOException {
        if (!tls13) {
            throw new TlsFatalAlert(AlertDescription.internal_error);
        }
        keyFromTrafficSecret(cryptoParams.getSecurityParametersConnection());
    }

    @Override
    public TlsDecodeResult decodeCiphertext(long seqNo, short recordType, ProtocolVersion recordVersion,
            byte[] ciphertext, int offset, int length) throws IOException {
        return decoder.decodeCiphertext(seqNo, recordType, recordVersion, ciphertext, offset, length);
    }

    @Override
    public void rekeyDecoder() throws IOException {
        decoder.rekeyDecoder();
    }

    @Override
    public int getCiphertextDecodeLimit(int plaintextLimit) {
        return decoder.getCiphertextDecodeLimit(plaintextLimit);
    }

    @Override
    public int getCiphertextEncodeLimit(int plaintextLimit) {
        return plaintextLimit + (tls13 ? 1 : 0) + TAG_LENGTH + explicitNonceLength;
    }

    @Override
    public int getPlaintextDecodeLimit(int ciphertextLimit) {
        return decoder.getPlaintextDecodeLimit(ciphertextLimit);
    }

    @Override
    public int getPlaintextEncodeLimit(int ciphertextLimit) {
        return ciphertextLimit - TAG_LENGTH - explicitNonceLength - (tls13 ? 1 : 0);
    }

    @Override
    public boolean usesOpaqueRecordTypeDecode() {
        return decoder.usesOpaqueRecordTypeDecode();
    }

    @Override
    public boolean usesOpaqueRecordTypeEncode() {
        return tls13;
    }
}
