package dev.shuttle.internal.uri;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * Checks and normalises the host part of a URI: an IPv4 literal, an IPv6 literal (without
 * brackets) or a hostname, converted to its ASCII (IDNA) form in lower case.
 *
 * <p>Every method throws {@link IllegalArgumentException} whose message says what is wrong with
 * the host, without naming the whole URI: the caller adds that.
 */
public final class HostNames {
    private static final int MAX_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private HostNames() {}

    /**
     * Normalises a host written without brackets.
     *
     * @param host an IPv4 literal, an IPv6 literal or a hostname
     * @return the canonical form: IPv4 dotted quad, RFC 5952 IPv6 text, or the lower-case ASCII name
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String normalise(String host) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (host.indexOf(':') >= 0) {
            return Ipv6Text.canonical(host);
        }
        if (looksLikeIpv4(host)) {
            return ipv4(host);
        }
        return hostname(host);
    }

    /**
     * Returns the IP address a canonical host denotes, or {@code null} for a hostname. Never does
     * a DNS lookup.
     *
     * @param canonicalHost a host returned by {@link #normalise(String)}
     * @return the address, or {@code null}
     */
    public static InetAddress literal(String canonicalHost) {
        if (canonicalHost.indexOf(':') >= 0) {
            return Ipv6Text.parse(canonicalHost);
        }
        if (looksLikeIpv4(canonicalHost)) {
            return InetAddress.ofLiteral(canonicalHost);
        }
        return null;
    }

    /**
     * Formats an address the way Shuttle writes hosts: dotted quad, or compressed lower-case IPv6
     * text with the scope kept only where it matters (link-local and site-local addresses).
     *
     * @param address the address
     * @return the text, without brackets
     */
    public static String format(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            return Ipv6Text.format(v6);
        }
        return address.getHostAddress();
    }

    private static boolean looksLikeIpv4(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static String ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + host + "' is not a valid IPv4 address (expected four numbers 0-255)");
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                throw new IllegalArgumentException("'" + host + "' is not a valid IPv4 address (expected four numbers 0-255)");
            }
            if (part.length() > 1 && part.charAt(0) == '0') {
                throw new IllegalArgumentException("'" + host + "' is not a valid IPv4 address (leading zeros are ambiguous)");
            }
        }
        return host;
    }

    private static String hostname(String host) {
        boolean absolute = host.endsWith(".");
        String name = absolute ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        StringBuilder ascii = new StringBuilder(name.length());
        int start = 0;
        while (start <= name.length()) {
            int end = name.indexOf('.', start);
            if (end < 0) {
                end = name.length();
            }
            String label = asciiLabel(host, name.substring(start, end));
            checkLabel(host, label);
            if (start > 0) {
                ascii.append('.');
            }
            ascii.append(label);
            start = end + 1;
        }
        if (ascii.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("hostname is " + ascii.length()
                    + " characters long, more than the " + MAX_NAME_LENGTH + " allowed");
        }
        return absolute ? ascii.append('.').toString() : ascii.toString();
    }

    /** The label in lower-case ASCII: international labels converted to their {@code xn--} form. */
    private static String asciiLabel(String host, String label) {
        if (label.isEmpty()) {
            throw new IllegalArgumentException("hostname '" + host + "' has an empty label");
        }
        boolean plain = label.chars().allMatch(c -> c < 0x80);
        if (plain) {
            return label.toLowerCase(Locale.ROOT);
        }
        try {
            return IDN.toASCII(label, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + host + "' is not a valid international hostname: " + e.getMessage(), e);
        }
    }

    private static void checkLabel(String host, String label) {
        if (label.length() > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("hostname label '" + label + "' is " + label.length()
                    + " characters long, more than the " + MAX_LABEL_LENGTH + " allowed");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!allowed) {
                throw new IllegalArgumentException("hostname '" + host + "' contains '" + printable(c)
                        + "', which is not allowed in a hostname");
            }
        }
        if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            throw new IllegalArgumentException("hostname label '" + label + "' starts or ends with '-'");
        }
    }

    static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
