package dev.shuttle.internal.tls.crypto;

import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.ContentType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsDecodeResult;
import org.bouncycastle.tls.crypto.TlsEncodeResult;

/**
 * A connection's record cipher, which also remembers the sequence number of the next record in each
 * direction: what {@link LoneRecords} needs to carry on one direction of a TLS 1.3 connection after
 * BouncyCastle's protocol, which has no half-close, has ended both. It can also withhold the
 * {@code close_notify} BouncyCastle seals in answer to the peer's: that record is not sealed at all
 * (its place in the output holds zeros, which are never sent), so that its sequence number, and
 * the nonce that goes with it, stay unused for the records this side goes on writing. Everything
 * else is the wrapped cipher's.
 *
 * <p>Shuttle also seals application data itself ({@link #seal}), without BouncyCastle's
 * {@code SSLEngine.wrap}, which copies every record into a new array and through a queue: the
 * records BouncyCastle seals later (alerts, a key update) are moved on by as many sequence numbers
 * as Shuttle used, so that the numbers on the wire still follow one another. A peer that asks for a
 * key update is noticed ({@link #keyUpdateRequested()}), so that the next write goes through
 * BouncyCastle, which sends the update first.
 */
public final class SequencedCipher implements TlsCipher {
    private static final byte KEY_UPDATE = 24;
    private static final byte UPDATE_REQUESTED = 1;
    private final TlsCipher cipher;
    private final Object writing = new Object();
    private volatile long nextRead;
    private volatile long nextWrite;
    /** Records Shuttle sealed itself under the current write key, which BouncyCastle's record layer did not count. */
    private long writeShift;
    private volatile boolean keyUpdateRequested;
    private volatile boolean closeNotifyAllowed = true;
    private volatile boolean closeNotifyWithheld;

    public SequencedCipher(TlsCipher cipher) {
        this.cipher = cipher;
    }

    /** {@return the sequence number of the next record to open} */
    public long nextRead() {
        return nextRead;
    }

    /** {@return the sequence number of the next record to seal} */
    public long nextWrite() {
        return nextWrite;
    }

    /** From now on a {@code close_notify} is not sealed, until {@link #allowCloseNotify()}. */
    public void withholdCloseNotify() {
        closeNotifyAllowed = false;
    }

    /** This side's own {@code close_notify} is sealed as any record. */
    public void allowCloseNotify() {
        closeNotifyAllowed = true;
    }

    /** {@return whether a {@code close_notify} was withheld: its place in the output is zeros} */
    public boolean closeNotifyWithheld() {
        return closeNotifyWithheld;
    }

    /** {@return whether the peer asked for a key update that BouncyCastle has not sent yet}: write through it */
    public boolean keyUpdateRequested() {
        return keyUpdateRequested;
    }

    /**
     * Seals a record of this content type at the next sequence number, header included, outside
     * BouncyCastle's record layer.
     */
    public TlsEncodeResult seal(short contentType, byte[] bytes, int offset, int length) throws IOException {
        synchronized (writing) {
            long seqNo = nextWrite;
            TlsEncodeResult record = cipher.encodePlaintext(seqNo, contentType, ProtocolVersion.TLSv12, LoneRecords.HEADER,
                    bytes, offset, length);
            writeShift++;
            nextWrite = seqNo + 1;
            byte[] buf = record.buf;
            int body = record.len - LoneRecords.HEADER;
            buf[record.off] = (byte) record.recordType;
            buf[record.off + 1] = 3;
            buf[record.off + 2] = 3;
            buf[record.off + 3] = (byte) (body >>> 8);
            buf[record.off + 4] = (byte) body;
            return record;
        }
    }

    @Override
    public TlsEncodeResult encodePlaintext(long seqNo, short contentType, ProtocolVersion recordVersion,
            int headerAllocation, byte[] plaintext, int offset, int length) throws IOException {
        if (!closeNotifyAllowed && contentType == ContentType.alert && length == 2 && plaintext[offset] == AlertLevel.warning
                && plaintext[offset + 1] == AlertDescription.close_notify) {
            closeNotifyWithheld = true;
            int recordLength = headerAllocation + cipher.getCiphertextEncodeLimit(length);
            return new TlsEncodeResult(new byte[recordLength], 0, recordLength, ContentType.application_data);
        }
        synchronized (writing) {
            long shifted = seqNo + writeShift;
            TlsEncodeResult result = cipher.encodePlaintext(shifted, contentType, recordVersion, headerAllocation, plaintext,
                    offset, length);
            nextWrite = shifted + 1;
            if (contentType == ContentType.application_data) {
                keyUpdateRequested = false;
            }
            return result;
        }
    }

    @Override
    public TlsDecodeResult decodeCiphertext(long seqNo, short recordType, ProtocolVersion recordVersion,
            byte[] ciphertext, int offset, int length) throws IOException {
        TlsDecodeResult result = cipher.decodeCiphertext(seqNo, recordType, recordVersion, ciphertext, offset, length);
        nextRead = seqNo + 1;
        if (result.contentType == ContentType.handshake && result.len >= 5 && result.buf[result.off] == KEY_UPDATE
                && result.buf[result.off + 4] == UPDATE_REQUESTED) {
            keyUpdateRequested = true;
        }
        return result;
    }

    @Override
    public void rekeyDecoder() throws IOException {
        cipher.rekeyDecoder();
        nextRead = 0;
    }

    @Override
    public void rekeyEncoder() throws IOException {
        synchronized (writing) {
            cipher.rekeyEncoder();
            nextWrite = 0;
            writeShift = 0;
        }
    }

    @Override public int getCiphertextDecodeLimit(int plaintextLimit) { return cipher.getCiphertextDecodeLimit(plaintextLimit); }
    @Override public int getCiphertextEncodeLimit(int plaintextLimit) { return cipher.getCiphertextEncodeLimit(plaintextLimit); }
    @Override public int getPlaintextDecodeLimit(int ciphertextLimit) { return cipher.getPlaintextDecodeLimit(ciphertextLimit); }
    @Override public int getPlaintextEncodeLimit(int ciphertextLimit) { return cipher.getPlaintextEncodeLimit(ciphertextLimit); }
    @Override public boolean usesOpaqueRecordTypeDecode() { return cipher.usesOpaqueRecordTypeDecode(); }
    @Override public boolean usesOpaqueRecordTypeEncode() { return cipher.usesOpaqueRecordTypeEncode(); }
}
