package dev.shuttle.internal.uri;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Parses IPv6 literals and writes them in the RFC 5952 form: compressed, lower case. */
final class Ipv6Text {
    private Ipv6Text() {}

    /** Parses {@code text} (no brackets, optional {@code %scope}) and returns its canonical text. */
    static String canonical(String text) {
        return format(parse(text));
    }

    static Inet6Address parse(String text) {
        int percent = text.indexOf('%');
        String bare = percent < 0 ? text : text.substring(0, percent);
        String scope = percent < 0 ? null : text.substring(percent + 1);
        if (scope != null && scope.isEmpty()) {
            throw new IllegalArgumentException("IPv6 address '" + text + "' has an empty scope after '%'");
        }
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || c == ':' || c == '.';
            if (!allowed) {
                throw new IllegalArgumentException("'" + text + "' is not a valid IPv6 address");
            }
        }
        if (scope != null && !validScope(scope)) {
            throw new IllegalArgumentException("IPv6 address '" + text + "' has scope '" + scope
                    + "', which is neither a number nor an interface name of ASCII letters, digits, '.', '_' and '-'");
        }
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(bare);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid IPv6 address", e);
        }
        if (bare.indexOf('.') >= 0 && !Ipv4Text.isDottedQuad(bare.substring(bare.lastIndexOf(':') + 1))) {
            // The JDK reads ::ffff:0177.0.0.1 as 177.0.0.1, where inet_aton reads octal.
            throw new IllegalArgumentException("'" + text + "' is not a valid IPv6 address (an IPv4 part must be"
                    + " a dotted quad of numbers 0-255 without leading zeros)");
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            // ::ffff:a.b.c.d is reported as IPv4 by the JDK; keep it an IPv6 address as written.
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        try {
            if (scope == null) {
                return Inet6Address.getByAddress(null, bytes, -1);
            }
            if (scope.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Inet6Address.getByAddress(null, bytes, Integer.parseInt(scope));
            }
            NetworkInterface nic = NetworkInterface.getByName(scope);
            if (nic == null) {
                throw new IllegalArgumentException("IPv6 address '" + text + "' names scope '" + scope
                        + "', but this machine has no network interface of that name");
            }
            return Inet6Address.getByAddress(null, bytes, nic);
        } catch (SocketException | UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid IPv6 address", e);
        }
    }

    private static boolean validScope(String scope) {
        return scope.length() <= 64 && scope.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-');
    }

    static String format(Inet6Address address) {
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        String scope = scopeText(address);
        if (scope != null) {
            text.append('%').append(scope);
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    /** The scope worth writing: only for link-local and site-local addresses, never "%0". */
    private static String scopeText(Inet6Address address) {
        if (!address.isLinkLocalAddress() && !address.isSiteLocalAddress()) {
            return null;
        }
        if (address.getScopedInterface() != null) {
            return address.getScopedInterface().getName();
        }
        return address.getScopeId() > 0 ? Integer.toString(address.getScopeId()) : null;
    }
}
