package dev.shuttle.internal.tls.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * BouncyCastle's JCA-based TLS crypto, with the records of AES-GCM suites protected by
 * {@link AesGcmRecordCipher}; every other suite as BouncyCastle does it. Each cipher is
 * {@linkplain SequencedCipher sequenced} and offered to {@link CipherCapture}, for TLS 1.3 half-close.
 */
public final class RecordCipherCrypto extends JcaTlsCrypto {
    private final JcaJceHelper helper;

    public RecordCipherCrypto(JcaJceHelper helper, JcaJceHelper altHelper, SecureRandom keyRandom, SecureRandom nonceRandom) {
        super(helper, altHelper, keyRandom, nonceRandom);
        this.helper = helper;
    }

    @Override
    public TlsCipher createCipher(TlsCryptoParameters cryptoParams, int encryptionAlgorithm, int macAlgorithm)
            throws IOException {
        int keySize = switch (encryptionAlgorithm) {
            case EncryptionAlgorithm.AES_128_GCM -> 16;
            case EncryptionAlgorithm.AES_256_GCM -> 32;
            default -> 0;
        };
        TlsCipher cipher;
        if (keySize == 0 || !AesGcmRecordCipher.supports(cryptoParams)) {
            cipher = super.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm);
        } else {
            try {
                cipher = new AesGcmRecordCipher(cryptoParams, helper.createCipher("AES/GCM/NoPadding"),
                        helper.createCipher("AES/GCM/NoPadding"), keySize);
            } catch (GeneralSecurityException e) {
                throw new TlsFatalAlert(AlertDescription.internal_error, e);
            }
        }
        SequencedCipher sequenced = new SequencedCipher(cipher);
        CipherCapture.created(sequenced);
        return sequenced;
    }
}
