package dev.shuttle.internal.tls.crypto;

import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.ContentType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsDecodeResult;
import org.bouncycastle.tls.crypto.TlsEncodeResult;

/**
 * One direction of a TLS 1.3 connection carried on after BouncyCastle's protocol has ended: TLS
 * 1.3 lets each side close its writing half alone ({@code close_notify}, RFC 8446 section 6.1),
 * but BouncyCastle ends the whole connection when either side sends one. The records go on with
 * the connection's own {@link SequencedCipher}, from the sequence number where BouncyCastle
 * stopped: sealing (after the peer's {@code close_notify}, until ours) or opening (after ours,
 * until the peer's). The cipher checks every record's tag as before; a record that does not
 * verify, an alert, or a key update (whose new key only BouncyCastle could derive) ends the
 * connection.
 */
public final class LoneRecords {
    public static final int HEADER = 5;
    /** RFC 8446 section 5.2: a protected record is at most 2^14 + 256 bytes. */
    public static final int MAX_CIPHERTEXT = (1 << 14) + 256;
    private static final int MAX_PLAINTEXT = 1 << 14;
    private static final short HANDSHAKE_NEW_SESSION_TICKET = 4;

    private final SequencedCipher cipher;

    private LoneRecords(SequencedCipher cipher) {
        this.cipher = cipher;
    }

    /** {@return records opened from where BouncyCastle stopped reading} */
    public static LoneRecords opening(SequencedCipher cipher) {
        return new LoneRecords(cipher);
    }

    /** {@return records sealed from where the connection's writing stopped} */
    public static LoneRecords sealing(SequencedCipher cipher) {
        return new LoneRecords(cipher);
    }

    /** The largest application data one record carries. */
    public static int maxPlaintext() {
        return MAX_PLAINTEXT;
    }

    /** {@return a sealed record, header included, of application data} */
    public TlsEncodeResult seal(byte[] bytes, int offset, int length) throws IOException {
        return seal(ContentType.application_data, bytes, offset, length);
    }

    /** {@return a sealed {@code close_notify} record} */
    public TlsEncodeResult sealCloseNotify() throws IOException {
        return seal(ContentType.alert, new byte[] {AlertLevel.warning, AlertDescription.close_notify}, 0, 2);
    }

    private TlsEncodeResult seal(short type, byte[] bytes, int offset, int length) throws IOException {
        return cipher.seal(type, bytes, offset, length);
    }

    /** {@return the length of the whole record starting at {@code offset}, header included, once the header is there} */
    public static int recordLength(byte[] bytes, int offset) throws IOException {
        int type = bytes[offset] & 0xFF;
        int length = ((bytes[offset + 3] & 0xFF) << 8) | (bytes[offset + 4] & 0xFF);
        if (type != ContentType.application_data) {
            // TLS 1.3 protects everything after the handshake as application_data records.
            throw new TlsFatalAlert(AlertDescription.unexpected_message);
        }
        if (length > MAX_CIPHERTEXT) {
            throw new TlsFatalAlert(AlertDescription.record_overflow);
        }
        return HEADER + length;
    }

    /**
     * Opens a whole record.
     *
     * @return the application data it holds, an empty result for a record to skip (a session
     *     ticket), or {@code null} for the peer's {@code close_notify}
     * @throws IOException a {@link TlsFatalAlert} for a record that does not verify or that this
     *     half-open connection cannot follow, or the alert the peer sent
     */
    public TlsDecodeResult open(byte[] bytes, int offset, int length) throws IOException {
        TlsDecodeResult result = cipher.open(bytes, offset, length);
        switch (result.contentType) {
            case ContentType.application_data -> {
                return result;
            }
            case ContentType.alert -> {
                if (result.len != 2) {
                    throw new TlsFatalAlert(AlertDescription.decode_error);
                }
                short description = (short) (result.buf[result.off + 1] & 0xFF);
                if (description == AlertDescription.close_notify) {
                    return null;
                }
                throw new org.bouncycastle.tls.TlsFatalAlertReceived(description);
            }
            case ContentType.handshake -> {
                if (result.len > 0 && result.buf[result.off] == HANDSHAKE_NEW_SESSION_TICKET) {
                    // A ticket for a later connection: this one has ended its side, so it is not kept.
                    return new TlsDecodeResult(result.buf, result.off, 0, ContentType.application_data);
                }
                // A key update: its new key is derived inside BouncyCastle's ended protocol.
                throw new TlsFatalAlert(AlertDescription.unexpected_message,
                        "a handshake message (key update) after this side's close_notify");
            }
            default -> throw new TlsFatalAlert(AlertDescription.unexpected_message);
        }
    }
}
