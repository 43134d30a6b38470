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
    private static final int RECORD_HEADER = 5;
    private static final byte KEY_UPDATE = 24;
    private static final byte UPDATE_REQUESTED = 1;
    private final TlsCipher cipher;
    private final Object writing = new Object();
    private volatile long nextRead;
    private volatile long nextWrite;
    /** Records Shuttle sealed itself under the current write key, which BouncyCastle's record layer did not count. */
    private long writeShift;
    private volatile boolean keyUpdateRequested;
    private final Object reading = new Object();
    /** Records Shuttle opened itself under the current read key, which BouncyCastle's record layer did not count. */
    private long readShift;
    /** A record Shuttle opened that was not application data, kept for BouncyCastle's own decode of it. */
    private TlsDecodeResult pending;
    private long pendingSeqNo;
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
            TlsEncodeResult record = cipher.encodePlaintext(seqNo, contentType, ProtocolVersion.TLSv12, RECORD_HEADER,
                    bytes, offset, length);
            writeShift++;
            nextWrite = seqNo + 1;
            byte[] buf = record.buf;
            int body = record.len - RECORD_HEADER;
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

    /**
     * Opens a whole TLS 1.3 record (header included) at the next sequence number, outside
     * BouncyCastle's record layer; the tag is checked as always.
     *
     * @return the content, whatever its type; application data is in a buffer the next record reuses
     */
    public TlsDecodeResult open(byte[] bytes, int offset, int length) throws IOException {
        synchronized (reading) {
            if (pending != null) {
                // Left for BouncyCastle, whose protocol ended before it took it: the record is this one.
                TlsDecodeResult kept = pending;
                pending = null;
                readShift++;
                return kept;
            }
            long seqNo = nextRead;
            ProtocolVersion version = ProtocolVersion.get(bytes[offset + 1] & 0xFF, bytes[offset + 2] & 0xFF);
            TlsDecodeResult result = cipher.decodeCiphertext(seqNo, ContentType.application_data, version, bytes,
                    offset + RECORD_HEADER, length - RECORD_HEADER);
            nextRead = seqNo + 1;
            readShift++;
            noticeKeyUpdate(result);
            return result;
        }
    }

    /**
     * Opens a whole record as {@link #open} does if it holds application data; any other record
     * (a session ticket, a key update, an alert) is for BouncyCastle, which is then given the record
     * itself: its decode of it returns what was opened here, without opening it twice.
     *
     * @return the application data, or {@code null} for a record to hand to BouncyCastle
     */
    public TlsDecodeResult openApplicationData(byte[] bytes, int offset, int length) throws IOException {
        synchronized (reading) {
            long seqNo = nextRead;
            TlsDecodeResult result = open(bytes, offset, length);
            if (result.contentType == ContentType.application_data) {
                return result;
            }
            readShift--;
            pending = result;
            pendingSeqNo = seqNo;
            return null;
        }
    }

    private void noticeKeyUpdate(TlsDecodeResult result) {
        if (result.contentType == ContentType.handshake && result.len >= 5 && result.buf[result.off] == KEY_UPDATE
                && result.buf[result.off + 4] == UPDATE_REQUESTED) {
            keyUpdateRequested = true;
        }
    }

    @Override
    public TlsDecodeResult decodeCiphertext(long seqNo, short recordType, ProtocolVersion recordVersion,
            byte[] ciphertext, int offset, int length) throws IOException {
        synchronized (reading) {
            long shifted = seqNo + readShift;
            TlsDecodeResult result;
            if (pending != null && pendingSeqNo == shifted) {
                result = pending;
                pending = null;
            } else {
                result = cipher.decodeCiphertext(shifted, recordType, recordVersion, ciphertext, offset, length);
            }
            nextRead = shifted + 1;
            noticeKeyUpdate(result);
            return result;
        }
    }

    @Override
    public void rekeyDecoder() throws IOException {
        synchronized (reading) {
            cipher.rekeyDecoder();
            nextRead = 0;
            readShift = 0;
            pending = null;
        }
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
