package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.crypto.AesGcmRecordCipher;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.ContentType;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.MACAlgorithm;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.CryptoHashAlgorithm;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsDecodeResult;
import org.bouncycastle.tls.crypto.TlsEncodeResult;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link AesGcmRecordCipher} record by record, a client's and a server's built from the same
 * secrets: records it seals open with BouncyCastle's own {@code TlsAEADCipher} and the other way
 * round, and what a peer could send wrong (a changed byte, another sequence number, a record too
 * short, an inner plaintext of padding only) is refused with the alert the RFCs name.
 */
class AesGcmRecordCipherTest {
    private static final JcaTlsCrypto CRYPTO = new JcaTlsCryptoProvider().create(new SecureRandom());
    private static final ProtocolVersion RECORD_VERSION = ProtocolVersion.TLSv12;
    private static final int HEADER = 5;

    /** Both ends of one connection: the same secrets, one as client and one as server. */
    private record Ends(SecurityParameters parameters, TlsCryptoParameters client, TlsCryptoParameters server) {}

    private static Ends ends(String version, int keySize) throws Exception {
        SecurityParameters parameters = newSecurityParameters();
        Random random = new Random(keySize);
        if (version.equals("TLSv1.3")) {
            set(parameters, "negotiatedVersion", ProtocolVersion.TLSv13);
            set(parameters, "prfCryptoHashAlgorithm", keySize == 16 ? CryptoHashAlgorithm.sha256 : CryptoHashAlgorithm.sha384);
            set(parameters, "trafficSecretClient", CRYPTO.createSecret(bytes(random, keySize == 16 ? 32 : 48)));
            set(parameters, "trafficSecretServer", CRYPTO.createSecret(bytes(random, keySize == 16 ? 32 : 48)));
        } else {
            set(parameters, "negotiatedVersion", ProtocolVersion.TLSv12);
            set(parameters, "prfAlgorithm", keySize == 16 ? PRFAlgorithm.tls_prf_sha256 : PRFAlgorithm.tls_prf_sha384);
            set(parameters, "masterSecret", CRYPTO.createSecret(bytes(random, 48)));
            set(parameters, "clientRandom", bytes(random, 32));
            set(parameters, "serverRandom", bytes(random, 32));
        }
        return new Ends(parameters, cryptoParameters(parameters, false), cryptoParameters(parameters, true));
    }

    private static AesGcmRecordCipher shuttles(TlsCryptoParameters parameters, int keySize) throws Exception {
        return new AesGcmRecordCipher(parameters, Cipher.getInstance("AES/GCM/NoPadding"),
                Cipher.getInstance("AES/GCM/NoPadding"), keySize);
    }

    private static TlsCipher bouncyCastles(TlsCryptoParameters parameters, int keySize) throws Exception {
        return CRYPTO.createCipher(parameters,
                keySize == 16 ? EncryptionAlgorithm.AES_128_GCM : EncryptionAlgorithm.AES_256_GCM, MACAlgorithm._null);
    }

    private static TlsEncodeResult seal(TlsCipher cipher, long seqNo, short type, byte[] plaintext) throws Exception {
        return cipher.encodePlaintext(seqNo, type, RECORD_VERSION, HEADER, plaintext, 0, plaintext.length);
    }

    private static TlsDecodeResult open(TlsCipher cipher, long seqNo, TlsEncodeResult record) throws Exception {
        byte[] copy = Arrays.copyOfRange(record.buf, record.off, record.off + record.len);
        return cipher.decodeCiphertext(seqNo, record.recordType, RECORD_VERSION, copy, HEADER, copy.length - HEADER);
    }

    private static byte[] plaintextOf(TlsDecodeResult result) {
        return Arrays.copyOfRange(result.buf, result.off, result.off + result.len);
    }

    @ParameterizedTest(name = "{0}, AES-{1}")
    @CsvSource({"TLSv1.3, 16", "TLSv1.3, 32", "TLSv1.2, 16", "TLSv1.2, 32"})
    void recordsOpenWithBouncyCastlesCipherAndTheirsWithShuttles(String version, int keySize) throws Exception {
        Ends ends = ends(version, keySize);
        AesGcmRecordCipher client = shuttles(ends.client(), keySize);
        TlsCipher server = bouncyCastles(ends.server(), keySize);
        for (int size : new int[] {0, 1, 1000, 16_384}) {
            byte[] data = bytes(new Random(size), size);
            TlsDecodeResult atServer = open(server, size, seal(client, size, ContentType.application_data, data));
            assertArrayEquals(data, plaintextOf(atServer), "client to server, " + size + " bytes");
            assertEquals(ContentType.application_data, atServer.contentType);
            TlsDecodeResult atClient = open(client, size, seal(server, size, ContentType.handshake, data.length == 0 ? new byte[1] : data));
            assertArrayEquals(data.length == 0 ? new byte[1] : data, plaintextOf(atClient), "server to client, " + size + " bytes");
            assertEquals(ContentType.handshake, atClient.contentType);
        }
        assertEquals(server.getPlaintextDecodeLimit(16_640), client.getPlaintextDecodeLimit(16_640));
        assertEquals(server.getCiphertextEncodeLimit(16_384), client.getCiphertextEncodeLimit(16_384));
        assertEquals(server.usesOpaqueRecordTypeEncode(), client.usesOpaqueRecordTypeEncode());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TLSv1.3", "TLSv1.2"})
    void aChangedByteIsABadRecordMac(String version) throws Exception {
        Ends ends = ends(version, 16);
        TlsEncodeResult record = seal(shuttles(ends.client(), 16), 7, ContentType.application_data, new byte[100]);
        for (int at : new int[] {HEADER, HEADER + 50, record.len - 1}) {
            byte[] changed = Arrays.copyOfRange(record.buf, record.off, record.off + record.len);
            changed[at] ^= 1;
            TlsFatalAlert alert = assertThrows(TlsFatalAlert.class, () -> shuttles(ends.server(), 16)
                    .decodeCiphertext(7, record.recordType, RECORD_VERSION, changed, HEADER, changed.length - HEADER));
            assertEquals(AlertDescription.bad_record_mac, alert.getAlertDescription(), "byte " + at + " changed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TLSv1.3", "TLSv1.2"})
    void aRecordOpenedWithAnotherSequenceNumberIsABadRecordMac(String version) throws Exception {
        Ends ends = ends(version, 16);
        TlsEncodeResult record = seal(shuttles(ends.client(), 16), 7, ContentType.application_data, new byte[100]);
        TlsFatalAlert alert = assertThrows(TlsFatalAlert.class, () -> open(shuttles(ends.server(), 16), 8, record));
        assertEquals(AlertDescription.bad_record_mac, alert.getAlertDescription());
    }

    @ParameterizedTest(name = "{0}, {1} bytes")
    @CsvSource({"TLSv1.3, 0", "TLSv1.3, 16", "TLSv1.2, 0", "TLSv1.2, 23"})
    void aRecordTooShortForItsTagIsADecodeError(String version, int length) throws Exception {
        AesGcmRecordCipher server = shuttles(ends(version, 16).server(), 16);
        TlsFatalAlert alert = assertThrows(TlsFatalAlert.class,
                () -> server.decodeCiphertext(0, ContentType.application_data, RECORD_VERSION, new byte[HEADER + length],
                        HEADER, length));
        assertEquals(AlertDescription.decode_error, alert.getAlertDescription());
    }

    @Test
    void aTls13RecordOfPaddingOnlyIsAnUnexpectedMessage() throws Exception {
        Ends ends = ends("TLSv1.3", 16);
        // Content type 0 is what the inner plaintext of zeros would end in: no type at all.
        TlsEncodeResult record = seal(shuttles(ends.client(), 16), 3, (short) 0, new byte[40]);
        TlsFatalAlert alert = assertThrows(TlsFatalAlert.class, () -> open(shuttles(ends.server(), 16), 3, record));
        assertEquals(AlertDescription.unexpected_message, alert.getAlertDescription());
    }

    @ParameterizedTest(name = "AES-{0}")
    @CsvSource({"16", "32"})
    void aKeyUpdateTakesTheNextTrafficSecretInEachDirection(int keySize) throws Exception {
        Ends ends = ends("TLSv1.3", keySize);
        AesGcmRecordCipher client = shuttles(ends.client(), keySize);
        TlsCipher server = bouncyCastles(ends.server(), keySize);
        TlsEncodeResult beforeUpdate = seal(client, 0, ContentType.application_data, new byte[] {1, 2, 3});
        byte[] sealedBefore = Arrays.copyOfRange(beforeUpdate.buf, beforeUpdate.off, beforeUpdate.off + beforeUpdate.len);
        set(ends.parameters(), "trafficSecretClient", CRYPTO.createSecret(bytes(new Random(99), keySize == 16 ? 32 : 48)));
        set(ends.parameters(), "trafficSecretServer", CRYPTO.createSecret(bytes(new Random(98), keySize == 16 ? 32 : 48)));
        client.rekeyEncoder();
        client.rekeyDecoder();
        server.rekeyEncoder();
        server.rekeyDecoder();
        byte[] data = {4, 5, 6};
        assertArrayEquals(data, plaintextOf(open(server, 0, seal(client, 0, ContentType.application_data, data))));
        assertArrayEquals(data, plaintextOf(open(client, 0, seal(server, 0, ContentType.application_data, data))));
        TlsFatalAlert alert = assertThrows(TlsFatalAlert.class,
                () -> server.decodeCiphertext(0, ContentType.application_data, RECORD_VERSION, sealedBefore, HEADER,
                        sealedBefore.length - HEADER));
        assertEquals(AlertDescription.bad_record_mac, alert.getAlertDescription(), "a record of the old key");
    }

    /** The sequence numbers of the tests below: the first ones, byte boundaries, and the last ones before 2^64. */
    private static final long[] SEQUENCE_NUMBERS = {0, 1, 2, 255, 256, 65_535, 65_536, 1L << 32, (1L << 32) + 1,
        1L << 56, Long.MAX_VALUE, Long.MIN_VALUE, -2L, -1L};

    /**
     * Shuttle's records are BouncyCastle's, byte for byte: for every suite it handles (AES-128-GCM and
     * AES-256-GCM, TLS 1.3 and 1.2), both ends, each kind of content, sizes up to a full record, the
     * sequence numbers up to 2^64 - 1, and after a TLS 1.3 key update.
     */
    @ParameterizedTest(name = "{0}, AES-{1}")
    @CsvSource({"TLSv1.3, 16", "TLSv1.3, 32", "TLSv1.2, 16", "TLSv1.2, 32"})
    void sealedRecordsAreByteForByteThoseOfBouncyCastle(String version, int keySize) throws Exception {
        Ends ends = ends(version, keySize);
        boolean tls13 = version.equals("TLSv1.3");
        int secretLength = keySize == 16 ? 32 : 48;
        for (TlsCryptoParameters end : new TlsCryptoParameters[] {ends.client(), ends.server()}) {
            String secretField = end.isServer() ? "trafficSecretServer" : "trafficSecretClient";
            for (int epoch = 0; epoch < (tls13 ? 3 : 1); epoch++) {
                for (long seqNo : SEQUENCE_NUMBERS) {
                    for (short type : new short[] {ContentType.application_data, ContentType.handshake, ContentType.alert}) {
                        for (int size : new int[] {1, 17, 1000, 16_384}) {
                            // Each record from new ciphers, as a sequence number is used once per key.
                            if (tls13) {
                                set(ends.parameters(), secretField, CRYPTO.createSecret(bytes(new Random(0), secretLength)));
                            }
                            AesGcmRecordCipher shuttles = shuttles(end, keySize);
                            TlsCipher bouncyCastles = bouncyCastles(end, keySize);
                            if (epoch > 0) {
                                set(ends.parameters(), secretField, CRYPTO.createSecret(bytes(new Random(epoch), secretLength)));
                                shuttles.rekeyEncoder();
                                bouncyCastles.rekeyEncoder();
                            }
                            byte[] data = bytes(new Random(seqNo * 31 + size), size);
                            TlsEncodeResult ours = seal(shuttles, seqNo, type, data);
                            TlsEncodeResult theirs = seal(bouncyCastles, seqNo, type, data);
                            String what = (end.isServer() ? "server" : "client") + ", epoch " + epoch + ", record "
                                    + Long.toUnsignedString(seqNo) + ", type " + type + ", " + size + " bytes";
                            assertEquals(theirs.recordType, ours.recordType, what);
                            assertArrayEquals(
                                    Arrays.copyOfRange(theirs.buf, theirs.off + HEADER, theirs.off + theirs.len),
                                    Arrays.copyOfRange(ours.buf, ours.off + HEADER, ours.off + ours.len), what);
                        }
                    }
                }
            }
        }
    }

    /**
     * AES-GCM encrypts by XORing a key stream that depends on the key and the nonce only: records of
     * zeros sealed under the same (key, nonce) would carry the same bytes. So no two records may
     * show the same encrypted zeros: not within one direction, not across TLS 1.3 key updates, not
     * between the client's and the server's direction.
     */
    @ParameterizedTest(name = "{0}, AES-{1}")
    @CsvSource({"TLSv1.3, 16", "TLSv1.3, 32", "TLSv1.2, 16", "TLSv1.2, 32"})
    void noKeyAndNonceIsUsedForTwoRecords(String version, int keySize) throws Exception {
        Ends ends = ends(version, keySize);
        boolean tls13 = version.equals("TLSv1.3");
        int explicitNonce = tls13 ? 0 : 8;
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        int records = 0;
        for (TlsCryptoParameters end : new TlsCryptoParameters[] {ends.client(), ends.server()}) {
            AesGcmRecordCipher cipher = shuttles(end, keySize);
            for (int epoch = 0; epoch < (tls13 ? 4 : 1); epoch++) {
                if (epoch > 0) {
                    set(ends.parameters(), end.isServer() ? "trafficSecretServer" : "trafficSecretClient",
                            CRYPTO.createSecret(bytes(new Random((end.isServer() ? 1000 : 100) + epoch), keySize == 16 ? 32 : 48)));
                    cipher.rekeyEncoder();
                }
                for (long seqNo = 0; seqNo < 300; seqNo++) {
                    TlsEncodeResult record = seal(cipher, seqNo, ContentType.application_data, new byte[32]);
                    int start = record.off + HEADER + explicitNonce;
                    String keyStream = java.util.HexFormat.of().formatHex(record.buf, start, start + 32);
                    String where = (end.isServer() ? "server" : "client") + " epoch " + epoch + " record " + seqNo;
                    String earlier = seen.putIfAbsent(keyStream, where);
                    assertNull(earlier, () -> where + " used the key and nonce of " + earlier);
                    records++;
                }
            }
        }
        assertEquals(records, seen.size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TLSv1.3", "TLSv1.2"})
    void aSequenceNumberUsedAgainOrWrappedRoundIsRefusedBeforeAnythingIsSealed(String version) throws Exception {
        Ends ends = ends(version, 16);
        AesGcmRecordCipher client = shuttles(ends.client(), 16);
        seal(client, 5, ContentType.application_data, new byte[10]);
        for (long again : new long[] {5, 4, 0}) {
            TlsFatalAlert alert = assertThrows(TlsFatalAlert.class,
                    () -> seal(client, again, ContentType.application_data, new byte[10]), "record " + again);
            assertEquals(AlertDescription.internal_error, alert.getAlertDescription());
        }
        seal(client, 6, ContentType.application_data, new byte[10]);
        seal(client, -1L, ContentType.application_data, new byte[10]); // 2^64 - 1, the last one there is
        TlsFatalAlert wrapped = assertThrows(TlsFatalAlert.class,
                () -> seal(client, 0, ContentType.application_data, new byte[10]));
        assertEquals(AlertDescription.internal_error, wrapped.getAlertDescription());
        assertTrue(wrapped.getMessage().contains("record sequence number 0 does not follow 18446744073709551615"),
                wrapped.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TLSv1.3", "TLSv1.2"})
    void aRecordOpenedAgainUnderItsSequenceNumberIsRefused(String version) throws Exception {
        Ends ends = ends(version, 16);
        AesGcmRecordCipher client = shuttles(ends.client(), 16);
        AesGcmRecordCipher server = shuttles(ends.server(), 16);
        TlsEncodeResult record = seal(client, 9, ContentType.application_data, new byte[10]);
        byte[] sealed = Arrays.copyOfRange(record.buf, record.off, record.off + record.len);
        open(server, 9, new TlsEncodeResult(sealed, 0, sealed.length, record.recordType));
        TlsFatalAlert alert = assertThrows(TlsFatalAlert.class,
                () -> open(server, 9, new TlsEncodeResult(sealed, 0, sealed.length, record.recordType)));
        assertEquals(AlertDescription.internal_error, alert.getAlertDescription());
    }

    @org.junit.jupiter.api.Test
    void aKeyUpdateStartsTheSequenceNumbersAgain() throws Exception {
        Ends ends = ends("TLSv1.3", 16);
        AesGcmRecordCipher client = shuttles(ends.client(), 16);
        TlsCipher server = bouncyCastles(ends.server(), 16);
        byte[] data = {7, 8, 9};
        assertArrayEquals(data, plaintextOf(open(server, 0, seal(client, 0, ContentType.application_data, data))));
        set(ends.parameters(), "trafficSecretClient", CRYPTO.createSecret(bytes(new Random(5), 32)));
        client.rekeyEncoder();
        server.rekeyDecoder();
        assertArrayEquals(data, plaintextOf(open(server, 0, seal(client, 0, ContentType.application_data, data))));
    }

    private static byte[] bytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** BouncyCastle fills these in during a handshake; a test sets the few a record layer reads. */
    private static SecurityParameters newSecurityParameters() throws Exception {
        Constructor<SecurityParameters> constructor = SecurityParameters.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    private static void set(SecurityParameters parameters, String field, Object value) throws Exception {
        Field f = SecurityParameters.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(parameters, value);
    }

    private static TlsCryptoParameters cryptoParameters(SecurityParameters parameters, boolean server) {
        TlsContext context = (TlsContext) Proxy.newProxyInstance(TlsContext.class.getClassLoader(),
                new Class<?>[] {TlsContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getCrypto" -> CRYPTO;
                    case "getSecurityParameters", "getSecurityParametersConnection", "getSecurityParametersHandshake" ->
                            parameters;
                    case "isServer" -> server;
                    case "getServerVersion", "getClientVersion" -> parameters.getNegotiatedVersion();
                    case "getNonceGenerator" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "test context";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new TlsCryptoParameters(context);
    }
}
