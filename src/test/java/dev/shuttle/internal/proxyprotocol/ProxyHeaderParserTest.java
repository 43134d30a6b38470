package dev.shuttle.internal.proxyprotocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The PROXY protocol header parser on valid headers, HAProxy's own bytes, and hostile ones. */
class ProxyHeaderParserTest {
    private static final int MAX = 4096;

    /** Parses, and checks that not one byte after the header was read. */
    static ParsedHeader parse(byte[] bytes) throws IOException {
        byte[] withRest = java.util.Arrays.copyOf(bytes, bytes.length + 3);
        withRest[bytes.length] = 'G';
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(withRest));
        ParsedHeader header = ProxyHeaderParser.read(in::readFully, MAX);
        assertEquals(bytes.length, header.length());
        assertEquals('G', in.read(), "the first byte after the header is left for the application");
        return header;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void readsV1Tcp4Tcp6AndUnknown() throws IOException {
        ParsedHeader v4 = parse(ascii("PROXY TCP4 203.0.113.7 192.0.2.1 56324 443\r\n"));
        assertEquals(new InetSocketAddress("203.0.113.7", 56324), v4.source());
        assertEquals(new InetSocketAddress("192.0.2.1", 443), v4.destination());
        assertEquals(1, v4.version());
        ParsedHeader v6 = parse(ascii("PROXY TCP6 2001:db8::7 ::1 65535 0\r\n"));
        assertEquals(new InetSocketAddress("2001:db8::7", 65535), v6.source());
        ParsedHeader unknown = parse(ascii("PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n"));
        assertNull(unknown.source());
        assertNull(parse(ascii("PROXY UNKNOWN\r\n")).source());
    }

    @Test
    void readsHaproxysV2HeaderWithTlvsAndItsChecksum() throws IOException {
        // send-proxy-v2 from 203.0.113.7:56324 to 192.0.2.1:443 with ALPN "h2" and authority "app.test".
        byte[] tlvs = HexFormat.of().parseHex("010002" + "6832" + "020008" + HexFormat.of().formatHex(ascii("app.test"))
                + "030004" + "00000000");
        byte[] addresses = HexFormat.of().parseHex("cb007107" + "c0000201" + "dc04" + "01bb");
        byte[] header = v2(0x21, 0x11, addresses, tlvs);
        int crcAt = header.length - 4;
        CRC32C crc = new CRC32C();
        crc.update(header);
        long value = crc.getValue();
        header[crcAt] = (byte) (value >> 24);
        header[crcAt + 1] = (byte) (value >> 16);
        header[crcAt + 2] = (byte) (value >> 8);
        header[crcAt + 3] = (byte) value;
        ParsedHeader parsed = parse(header);
        assertEquals(new InetSocketAddress("203.0.113.7", 56324), parsed.source());
        assertEquals(new InetSocketAddress("192.0.2.1", 443), parsed.destination());
        assertEquals(3, parsed.tlvs().size());
        assertArrayEquals(ascii("h2"), parsed.tlvs().get(0).value());
        assertArrayEquals(ascii("app.test"), parsed.tlvs().get(1).value());

        header[crcAt + 3] ^= 1;
        ProtocolException broken = assertThrows(ProtocolException.class, () -> parse(header));
        assertEquals("PROXY v2 header fails its CRC32C check", broken.getMessage());
    }

    @Test
    void aV2LocalCommandOrAnUnspecifiedFamilyCarriesNoClient() throws IOException {
        assertNull(parse(v2(0x20, 0x00, new byte[0], new byte[0])).source());
        assertNull(parse(v2(0x20, 0x11, new byte[12], new byte[0])).source(), "LOCAL ignores the addresses");
        assertNull(parse(v2(0x21, 0x31, new byte[216], new byte[0])).source(), "a Unix client has no IP address");
    }

    @Test
    void theWriterAndTheParserAgree() throws IOException {
        InetSocketAddress client = new InetSocketAddress("2001:db8::9", 4000);
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", 443);
        for (int version = 1; version <= 2; version++) {
            ParsedHeader parsed = parse(ProxyHeaderWriter.header(version, client, server));
            assertEquals(client, parsed.source());
            assertEquals(new InetSocketAddress("::ffff:127.0.0.1", 443).getPort(), parsed.destination().getPort());
            assertEquals("127.0.0.1", parsed.destination().getAddress().getHostAddress(),
                    "a mapped address reads back as IPv4");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "PROXY TCP4 127.1 127.0.0.1 1 2\r\n",
        "PROXY TCP4 127.0.0.01 127.0.0.1 1 2\r\n",
        "PROXY TCP4 ::1 127.0.0.1 1 2\r\n",
        "PROXY TCP6 127.0.0.1 ::1 1 2\r\n",
        "PROXY TCP6 fe80::1%eth0 ::1 1 2\r\n",
        "PROXY TCP4 127.0.0.1 127.0.0.1 65536 2\r\n",
        "PROXY TCP4 127.0.0.1 127.0.0.1 01 2\r\n",
        "PROXY TCP4 127.0.0.1 127.0.0.1 -1 2\r\n",
        "PROXY TCP4  127.0.0.1 127.0.0.1 1 2\r\n",
        "PROXY TCP4 127.0.0.1 127.0.0.1 1 2 3\r\n",
        "PROXY UDP4 127.0.0.1 127.0.0.1 1 2\r\n",
        "PROXY TCP4 127.0.0.1 127.0.0.1 1 2\n",
        "PROXY TCP4 127.0.0.1\u00a0127.0.0.1 1 2\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001",
    })
    void malformedHeadersAreRefused(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        ProtocolException e = assertThrows(ProtocolException.class, () -> parse(bytes));
        assertTrue(e.getMessage().contains("PROXY"), e.getMessage());
    }

    @Test
    void aV1LineWithoutCrlfWithin107BytesIsRefusedAfterReadingNoMore() {
        byte[] longLine = ascii("PROXY TCP4 " + "1".repeat(200) + "\r\n");
        int[] read = {0};
        ProtocolException e = assertThrows(ProtocolException.class, () -> ProxyHeaderParser.read((b, off, len) -> {
            System.arraycopy(longLine, read[0], b, off, len);
            read[0] += len;
        }, MAX));
        assertEquals("PROXY v1 header longer than 107 bytes without its CRLF", e.getMessage());
        assertEquals(107, read[0]);
    }

    @Test
    void aV2LengthOverTheMaximumIsRefusedBeforeReadingIt() {
        byte[] fixed = v2(0x21, 0x11, new byte[12], new byte[0]);
        fixed[14] = (byte) 0xFF;
        fixed[15] = (byte) 0xFF;
        int[] read = {0};
        ProtocolException e = assertThrows(ProtocolException.class, () -> ProxyHeaderParser.read((b, off, len) -> {
            if (read[0] + len > 16) {
                throw new AssertionError("read past the fixed header");
            }
            System.arraycopy(fixed, read[0], b, off, len);
            read[0] += len;
        }, MAX));
        assertEquals("PROXY v2 header of 65551 bytes is longer than the 4096 allowed", e.getMessage());
    }

    @Test
    void brokenV2HeadersAreRefused() {
        byte[] badSignature = v2(0x21, 0x11, new byte[12], new byte[0]);
        badSignature[10] = 'X';
        assertThrows(ProtocolException.class, () -> parse(badSignature));
        assertThrows(ProtocolException.class, () -> parse(v2(0x11, 0x11, new byte[12], new byte[0])), "version 1 in a v2 header");
        assertThrows(ProtocolException.class, () -> parse(v2(0x22, 0x11, new byte[12], new byte[0])), "command 2");
        assertThrows(ProtocolException.class, () -> parse(v2(0x21, 0x41, new byte[12], new byte[0])), "family 4");
        assertThrows(ProtocolException.class, () -> parse(v2(0x21, 0x21, new byte[12], new byte[0])), "IPv6 in 12 bytes");
        assertThrows(ProtocolException.class, () -> parse(v2(0x21, 0x11, new byte[12], new byte[] {1, 0, 5, 'a'})),
                "a TLV past the end");
        assertThrows(ProtocolException.class, () -> parse(v2(0x21, 0x11, new byte[12], new byte[] {1, 0})),
                "half a TLV head");
    }

    @Test
    void aTruncatedHeaderIsEndOfStream() {
        byte[] whole = ascii("PROXY TCP4 127.0.0.1 127.0.0.1 1 2\r\n");
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(whole, 0, 20));
        assertThrows(EOFException.class, () -> ProxyHeaderParser.read(in::readFully, MAX));
        byte[] v2 = v2(0x21, 0x11, new byte[12], new byte[0]);
        DataInputStream in2 = new DataInputStream(new ByteArrayInputStream(v2, 0, 20));
        assertThrows(EOFException.class, () -> ProxyHeaderParser.read(in2::readFully, MAX));
    }

    static byte[] v2(int versionCommand, int family, byte[] addresses, byte[] tlvs) {
        int length = addresses.length + tlvs.length;
        byte[] header = new byte[16 + length];
        System.arraycopy(ProxyHeaderParser.V2_SIGNATURE, 0, header, 0, 12);
        header[12] = (byte) versionCommand;
        header[13] = (byte) family;
        header[14] = (byte) (length >> 8);
        header[15] = (byte) length;
        System.arraycopy(addresses, 0, header, 16, addresses.length);
        System.arraycopy(tlvs, 0, header, 16 + addresses.length, tlvs.length);
        return header;
    }
}
