package dev.shuttle.internal.frame;

import java.util.HexFormat;

/** Writes a delimiter for messages: quoted when printable ASCII (with {@code \r \n \t}), else in hex. */
public final class DelimiterText {
    private DelimiterText() {}

    /**
     * {@return the delimiter as {@code "\r\n"} or {@code 0x00ff}}
     *
     * @param bytes the delimiter
     */
    public static String of(byte[] bytes) {
        StringBuilder text = new StringBuilder("\"");
        for (byte b : bytes) {
            switch (b) {
                case '\r' -> text.append("\\r");
                case '\n' -> text.append("\\n");
                case '\t' -> text.append("\\t");
                case '"', '\\' -> text.append('\\').append((char) b);
                default -> {
                    if (b < 0x20 || b > 0x7e) {
                        return "0x" + HexFormat.of().formatHex(bytes);
                    }
                    text.append((char) b);
                }
            }
        }
        return text.append('"').toString();
    }
}
