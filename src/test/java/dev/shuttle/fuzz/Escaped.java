package dev.shuttle.fuzz;

/** Writes text for failure messages: printable ASCII as is, every other character as a Java escape. */
public final class Escaped {
    private Escaped() {}

    /** {@return the text in quotes, escaped, its middle left out when it is long} */
    public static String of(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        if (out.length() > 300) {
            return out.substring(0, 150) + "...(" + text.length() + " chars)..." + out.substring(out.length() - 100) + "\"";
        }
        return out.append('"').toString();
    }
}
