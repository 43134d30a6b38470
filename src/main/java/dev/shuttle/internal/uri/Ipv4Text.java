package dev.shuttle.internal.uri;

import java.util.List;

/**
 * The one IPv4 spelling Shuttle accepts, the dotted quad ({@code 127.0.0.1}), and the many it
 * refuses because resolvers and URL parsers read them as addresses: one number
 * ({@code 2130706433}), short forms ({@code 127.1}), hexadecimal ({@code 0x7f.1}) and octal
 * ({@code 0177.0.0.1}) parts.
 *
 * <p>As in the WHATWG URL standard, a host whose last label is a number (decimal digits, or
 * {@code 0x} and hexadecimal digits) is an IPv4 address or nothing: never a hostname.
 */
final class Ipv4Text {
    private static final long NOT_A_NUMBER = -1;

    private Ipv4Text() {}

    /** {@return whether {@code text} is a canonical dotted quad: four decimal numbers 0-255, no leading zeros} */
    static boolean isDottedQuad(String text) {
        int parts = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('.', start);
            if (end < 0) {
                end = text.length();
            }
            if (!isOctet(text, start, end)) {
                return false;
            }
            parts++;
            start = end + 1;
        }
        return parts == 4;
    }

    private static boolean isOctet(String text, int start, int end) {
        int length = end - start;
        if (length < 1 || length > 3 || (length > 1 && text.charAt(start) == '0')) {
            return false;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255;
    }

    /**
     * {@return whether a host, given as its lower-case ASCII labels, ends in a number and so is
     * read as an IPv4 address by URL parsers and resolvers}
     */
    static boolean endsInNumber(List<String> labels) {
        return !labels.isEmpty() && number(labels.getLast()) != NOT_A_NUMBER;
    }

    /**
     * Returns the dotted quad a numeric host denotes, or throws saying why it is not one.
     *
     * @param host the host as written
     * @param labels its lower-case ASCII labels, after IDN mapping, without a trailing empty label
     * @param absolute whether it ended in a dot
     * @return {@code host} itself when it is a canonical dotted quad written in ASCII
     * @throws IllegalArgumentException for every other numeric spelling, naming the address it
     *     would be read as when there is one
     */
    static String literal(String host, List<String> labels, boolean absolute) {
        String quad = String.join(".", labels);
        boolean ascii = host.chars().allMatch(c -> c < 0x80);
        if (ascii && !absolute && isDottedQuad(quad)) {
            return quad;
        }
        long value = value(labels);
        boolean leadingZero = labels.stream().anyMatch(l -> l.length() > 1 && l.charAt(0) == '0' && l.charAt(1) != 'x');
        if (value < 0) {
            if (leadingZero && labels.stream().allMatch(Ipv4Text::digits)) {
                throw new IllegalArgumentException("'" + host + "' is not a valid IPv4 address (leading zeros are ambiguous)");
            }
            if (labels.stream().allMatch(l -> number(l) != NOT_A_NUMBER)) {
                throw new IllegalArgumentException("'" + host + "' is not a valid IPv4 address (expected four numbers 0-255)");
            }
            throw new IllegalArgumentException("'" + host + "' ends in a number, so it reads as an IPv4 address,"
                    + " but is not one (expected four numbers 0-255)");
        }
        String meant = dottedQuad(value);
        String why;
        if (!ascii) {
            why = "spells the IPv4 address " + meant + " with characters other than ASCII digits and dots";
        } else if (absolute) {
            why = "is an IPv4 address with a trailing dot";
        } else if (labels.stream().anyMatch(l -> l.startsWith("0x"))) {
            why = "is a hexadecimal IPv4 form";
        } else if (leadingZero) {
            throw new IllegalArgumentException("'" + host + "' is not a valid IPv4 address (leading zeros are"
                    + " ambiguous: some read them as octal, giving " + meant + ")");
        } else if (labels.size() == 1) {
            why = "is an IPv4 address written as one number";
        } else {
            why = "is a short IPv4 form";
        }
        throw new IllegalArgumentException("'" + host + "' " + why + "; write the dotted quad " + meant);
    }

    /** The address as URL parsers and {@code inet_aton} read it, or -1 when they refuse it. */
    private static long value(List<String> labels) {
        if (labels.size() > 4) {
            return -1;
        }
        long address = 0;
        for (int i = 0; i < labels.size(); i++) {
            long part = number(labels.get(i));
            boolean last = i == labels.size() - 1;
            long limit = last ? 1L << (8 * (5 - labels.size())) : 256;
            if (part == NOT_A_NUMBER || part >= limit) {
                return -1;
            }
            address = last ? (address << (8 * (5 - labels.size()))) | part : (address << 8) | part;
        }
        return address;
    }

    /** A label read as a number: decimal, {@code 0x} hexadecimal or leading-zero octal; or {@link #NOT_A_NUMBER}. */
    private static long number(String label) {
        int radix = 10;
        String digits = label;
        if (label.startsWith("0x")) {
            radix = 16;
            digits = label.substring(2);
            if (digits.isEmpty()) {
                return 0;
            }
        } else if (label.length() > 1 && label.charAt(0) == '0') {
            radix = 8;
            digits = label.substring(1);
        }
        if (digits.isEmpty()) {
            return NOT_A_NUMBER;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = Character.digit(digits.charAt(i), radix);
            if (digit < 0 || digits.charAt(i) >= 0x80) {
                // A non-octal digit in a leading-zero label is still a number to a reader of the
                // last label (WHATWG: "ends in a number" checks decimal digits), just not a valid one.
                return radix == 8 && digits(label) ? Long.MAX_VALUE : NOT_A_NUMBER;
            }
            value = Math.min(value * radix + digit, Long.MAX_VALUE / 16);
        }
        return value;
    }

    private static boolean digits(String label) {
        return !label.isEmpty() && label.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String dottedQuad(long value) {
        return ((value >> 24) & 0xff) + "." + ((value >> 16) & 0xff) + "." + ((value >> 8) & 0xff) + "." + (value & 0xff);
    }
}
