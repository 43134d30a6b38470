package dev.shuttle.internal.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a proxy's answers without reading past them: exactly the bytes a SOCKS reply holds, and an
 * HTTP response head a byte at a time up to its blank line, so that whatever the target sends
 * first (a banner, a TLS record) stays in the connection for its reader.
 */
final class ProxyWire {
    private ProxyWire() {}

    /**
     * Reads exactly {@code length} bytes.
     *
     * @throws java.net.SocketException naming what was being read if the proxy closes first
     */
    static byte[] readExactly(InputStream input, int length, TunnelRequest request, String during) throws IOException {
        byte[] bytes = input.readNBytes(length);
        if (bytes.length < length) {
            throw request.closed(during + (bytes.length == 0 ? "" : " (after " + bytes.length + " of " + length + " bytes)"));
        }
        return bytes;
    }

    /** Reads one byte, 0 to 255. */
    static int readByte(InputStream input, TunnelRequest request, String during) throws IOException {
        int b = input.read();
        if (b < 0) {
            throw request.closed(during);
        }
        return b;
    }

    /**
     * Reads an HTTP response head up to and including its blank line, as ISO-8859-1 text without
     * the final blank line.
     *
     * @param max the most bytes a head may have
     * @throws java.net.ProtocolException if the head is longer than {@code max}
     */
    static String readHead(InputStream input, int max, TunnelRequest request) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int newlines = 0;
        while (true) {
            int b = input.read();
            if (b < 0) {
                throw request.closed(head.size() == 0
                        ? "instead of answering CONNECT"
                        : "in the middle of its answer to CONNECT: '" + firstLine(head) + "'");
            }
            if (head.size() >= max) {
                throw request.protocol("the proxy's answer to CONNECT is longer than " + max + " bytes: '"
                        + firstLine(head) + "'");
            }
            head.write(b);
            if (b == '\n') {
                newlines++;
                if (newlines == 2) {
                    return head.toString(StandardCharsets.ISO_8859_1).stripTrailing();
                }
            } else if (b != '\r') {
                newlines = 0;
            }
        }
    }

    /** The first line of what was read so far, printable and short. */
    static String firstLine(ByteArrayOutputStream head) {
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\n');
        return printable(end < 0 ? text : text.substring(0, end));
    }

    /** Control characters as {@code \xNN}, at most 120 characters. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 120; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                continue;
            }
            if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\x%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
