package dev.shuttle.fuzz;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Reads a host as C's {@code inet_aton} does, and so as the system resolver does before any DNS:
 * one to four numbers separated by dots, each decimal, octal (leading {@code 0}) or hex
 * ({@code 0x}), the last filling the remaining bytes ({@code 127.1}, {@code 2130706433},
 * {@code 0x7f.1}, {@code 0177.0.0.1}), and a trailing dot allowed. The oracle of what a numeric
 * host really connects to.
 */
final class Inet4Numbers {
    private Inet4Numbers() {}

    /** {@return the IPv4 address the host denotes as numbers, or empty if it is not numbers} */
    static Optional<InetAddress> parse(String host) {
        String text = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = text.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = number(parts[i]);
            if (value == null) {
                return Optional.empty();
            }
            values[i] = value;
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return Optional.empty();
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        int lastBytes = 4 - (parts.length - 1);
        if (last >= (1L << (8 * lastBytes))) {
            return Optional.empty();
        }
        address |= last;
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static Long number(String part) {
        if (part.isEmpty()) {
            return null;
        }
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x") || part.startsWith("0X")) {
            radix = 16;
            digits = part.substring(2);
            if (digits.isEmpty()) {
                return 0L; // inet_aton reads "0x" as zero
            }
        } else if (part.length() > 1 && part.charAt(0) == '0') {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.length() > 12) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0 || digits.charAt(i) > 0x7f) {
                return null;
            }
        }
        return Long.parseLong(digits, radix);
    }
}
