package dev.shuttle.internal.proxyprotocol;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads one PROXY protocol header, version 1 (text) or 2 (binary), strictly, and never a byte past
 * it: the first 8 bytes tell the version; a v1 line is then read a byte at a time up to its CRLF
 * (107 bytes at most, as the specification says), a v2 header as its fixed 16 bytes and the length
 * they announce, refused before reading it when over the maximum. Anything else is a
 * {@link ProtocolException} saying what is wrong.
 */
public final class ProxyHeaderParser {
    /** The v2 signature: {@code \r\n\r\n\0\r\nQUIT\n}. */
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** The longest v1 line, CRLF included. */
    static final int V1_MAX = 107;
    /** The TLV types of the specification that the server reads. */
    static final int PP2_TYPE_CRC32C = 0x03;

    private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    /** The most bytes {@link #startsWithSignature} needs: the v2 signature's. */
    static final int SIGNATURE_LENGTH = V2_SIGNATURE.length;

    private ProxyHeaderParser() {}

    /**
     * {@return whether the first {@code length} bytes agree with the start of a v1 or v2 signature,
     * so that more bytes could still make one} True for no bytes at all.
     */
    static boolean mayStartSignature(byte[] bytes, int length) {
        return agrees(bytes, length, V1_PREFIX) || agrees(bytes, length, V2_SIGNATURE);
    }

    /** {@return whether the first {@code length} bytes hold a whole v1 or v2 signature} */
    static boolean startsWithSignature(byte[] bytes, int length) {
        return length >= V1_PREFIX.length && Arrays.equals(bytes, 0, V1_PREFIX.length, V1_PREFIX, 0, V1_PREFIX.length)
                || length >= V2_SIGNATURE.length && Arrays.equals(bytes, 0, V2_SIGNATURE.length, V2_SIGNATURE, 0, V2_SIGNATURE.length);
    }

    private static boolean agrees(byte[] bytes, int length, byte[] signature) {
        int n = Math.min(length, signature.length);
        return Arrays.equals(bytes, 0, n, signature, 0, n);
    }

    /**
     * Reads a header.
     *
     * @param input where the bytes come from
     * @param maxLength the longest header accepted, at least 232 (a v2 header with Unix addresses)
     * @return the header
     * @throws ProtocolException if the bytes are not a valid header, or one longer than {@code maxLength}
     * @throws IOException if reading failed (an {@link java.io.EOFException} for a stream that ends inside the header)
     */
    public static ParsedHeader read(HeaderInput input, int maxLength) throws IOException {
        byte[] start = new byte[8];
        input.readFully(start, 0, 8);
        if (Arrays.equals(start, 0, 6, V1_PREFIX, 0, 6)) {
            return readV1(input, start);
        }
        if (Arrays.equals(start, 0, 8, V2_SIGNATURE, 0, 8)) {
            return readV2(input, start, maxLength);
        }
        throw new ProtocolException("not a PROXY protocol header: it starts with " + hex(start, 8)
                + (start[0] == 0x16 ? " (a TLS ClientHello: the client did not come through the proxy)" : ""));
    }

    private static ParsedHeader readV1(HeaderInput input, byte[] start) throws IOException {
        byte[] line = Arrays.copyOf(start, V1_MAX);
        int length = 8;
        while (line[length - 1] != '\n') {
            if (length == V1_MAX) {
                throw new ProtocolException("PROXY v1 header longer than " + V1_MAX + " bytes without its CRLF");
            }
            input.readFully(line, length, 1);
            length++;
        }
        if (line[length - 2] != '\r') {
            throw new ProtocolException("PROXY v1 header ends in a bare LF instead of CRLF");
        }
        for (int i = 0; i < length - 2; i++) {
            if (line[i] < 0x20 || line[i] > 0x7E) {
                throw new ProtocolException("PROXY v1 header holds byte " + hex(line, i, 1) + " at index " + i);
            }
        }
        String text = new String(line, 0, length - 2, StandardCharsets.US_ASCII);
        if (text.equals("PROXY UNKNOWN") || text.startsWith("PROXY UNKNOWN ")) {
            return new ParsedHeader(1, null, null, List.of(), length);
        }
        String[] fields = text.split(" ", -1);
        if (fields.length != 6) {
            throw new ProtocolException("PROXY v1 header needs 6 fields separated by single spaces, not '" + text + "'");
        }
        boolean v4 = switch (fields[1]) {
            case "TCP4" -> true;
            case "TCP6" -> false;
            default -> throw new ProtocolException("PROXY v1 protocol must be TCP4, TCP6 or UNKNOWN, not '" + fields[1] + "'");
        };
        InetAddress source = v1Address(fields[2], v4);
        InetAddress destination = v1Address(fields[3], v4);
        return new ParsedHeader(1, new InetSocketAddress(source, v1Port(fields[4])),
                new InetSocketAddress(destination, v1Port(fields[5])), List.of(), length);
    }

    private static InetAddress v1Address(String text, boolean v4) throws ProtocolException {
        try {
            if (v4) {
                if (!Ipv4Quad.isDottedQuad(text)) {
                    throw new IllegalArgumentException("not a dotted quad");
                }
                return Inet4Address.ofLiteral(text);
            }
            if (text.isEmpty() || !text.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("not an IPv6 address");
            }
            return Inet6Address.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("PROXY v1 header has an invalid " + (v4 ? "IPv4" : "IPv6") + " address '" + text + "'");
        }
    }

    private static int v1Port(String text) throws ProtocolException {
        boolean digits = !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits || (text.length() > 1 && text.charAt(0) == '0') || Integer.parseInt(text) > 65535) {
            throw new ProtocolException("PROXY v1 header has an invalid port '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    private static ParsedHeader readV2(HeaderInput input, byte[] start, int maxLength) throws IOException {
        byte[] fixed = Arrays.copyOf(start, 16);
        input.readFully(fixed, 8, 8);
        if (!Arrays.equals(fixed, 0, 12, V2_SIGNATURE, 0, 12)) {
            throw new ProtocolException("not a PROXY protocol header: a broken v2 signature " + hex(fixed, 12));
        }
        int versionCommand = fixed[12] & 0xFF;
        if (versionCommand >> 4 != 2) {
            throw new ProtocolException("PROXY v2 header has version " + (versionCommand >> 4) + ", not 2");
        }
        int command = versionCommand & 0x0F;
        if (command > 1) {
            throw new ProtocolException("PROXY v2 header has unknown command " + command);
        }
        int family = fixed[13] & 0xFF;
        int length = ((fixed[14] & 0xFF) << 8) | (fixed[15] & 0xFF);
        if (16 + length > maxLength) {
            throw new ProtocolException("PROXY v2 header of " + (16 + length) + " bytes is longer than the "
                    + maxLength + " allowed");
        }
        byte[] header = Arrays.copyOf(fixed, 16 + length);
        input.readFully(header, 16, length);
        int addressLength = switch (family) {
            case 0x00 -> 0;
            case 0x11, 0x12 -> 12;
            case 0x21, 0x22 -> 36;
            case 0x31, 0x32 -> 216;
            default -> throw new ProtocolException("PROXY v2 header has unknown address family and protocol " + hex(fixed, 13, 1));
        };
        if (length < addressLength) {
            throw new ProtocolException("PROXY v2 header of " + length + " address bytes is too short for its family "
                    + hex(fixed, 13, 1) + ", which needs " + addressLength);
        }
        List<ParsedHeader.Tlv> tlvs = tlvs(header, 16 + addressLength);
        InetSocketAddress source = null;
        InetSocketAddress destination = null;
        boolean stream = family == 0x11 || family == 0x21;
        if (command == 1 && stream) {
            int size = family == 0x11 ? 4 : 16;
            source = new InetSocketAddress(address(header, 16, size), port(header, 16 + 2 * size));
            destination = new InetSocketAddress(address(header, 16 + size, size), port(header, 16 + 2 * size + 2));
        }
        return new ParsedHeader(2, source, destination, tlvs, header.length);
    }

    private static List<ParsedHeader.Tlv> tlvs(byte[] header, int from) throws ProtocolException {
        List<ParsedHeader.Tlv> tlvs = new ArrayList<>();
        int at = from;
        while (at < header.length) {
            if (header.length - at < 3) {
                throw new ProtocolException("PROXY v2 header ends inside a TLV's type and length at byte " + at);
            }
            int type = header[at] & 0xFF;
            int length = ((header[at + 1] & 0xFF) << 8) | (header[at + 2] & 0xFF);
            if (length > header.length - at - 3) {
                throw new ProtocolException("PROXY v2 TLV of type " + hex(header, at, 1) + " announces " + length
                        + " bytes, past the end of the header");
            }
            byte[] value = Arrays.copyOfRange(header, at + 3, at + 3 + length);
            if (type == PP2_TYPE_CRC32C) {
                checkCrc(header, at + 3, value);
            }
            tlvs.add(new ParsedHeader.Tlv(type, value));
            at += 3 + length;
        }
        return tlvs;
    }

    private static void checkCrc(byte[] header, int valueAt, byte[] value) throws ProtocolException {
        if (value.length != 4) {
            throw new ProtocolException("PROXY v2 CRC32C TLV has " + value.length + " bytes, not 4");
        }
        byte[] zeroed = header.clone();
        Arrays.fill(zeroed, valueAt, valueAt + 4, (byte) 0);
        CRC32C crc = new CRC32C();
        crc.update(zeroed);
        long expected = ((value[0] & 0xFFL) << 24) | ((value[1] & 0xFFL) << 16) | ((value[2] & 0xFFL) << 8) | (value[3] & 0xFFL);
        if (crc.getValue() != expected) {
            throw new ProtocolException("PROXY v2 header fails its CRC32C check");
        }
    }

    private static InetAddress address(byte[] header, int at, int size) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(header, at, at + size));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are an address", e);
        }
    }

    private static int port(byte[] header, int at) {
        return ((header[at] & 0xFF) << 8) | (header[at + 1] & 0xFF);
    }

    private static String hex(byte[] bytes, int length) {
        return hex(bytes, 0, length);
    }

    private static String hex(byte[] bytes, int from, int length) {
        return "0x" + java.util.HexFormat.of().formatHex(bytes, from, from + length);
    }
}
