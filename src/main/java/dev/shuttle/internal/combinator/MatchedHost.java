package dev.shuttle.internal.combinator;

import dev.shuttle.Endpoint;
import dev.shuttle.internal.uri.MappedIpv6;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A host as the rules of the selective connector see it, so that hosts naming the same destination
 * match the same rules: a fully qualified name is the name without its trailing dot, and an
 * IPv4-mapped IPv6 address is its IPv4 address, which is where a connection to it goes.
 *
 * @param text the text hostname and IPv4 rules compare: lower case, no trailing dot, dotted quad
 *     for an IPv4-mapped address
 * @param ipv6 the 16 bytes IPv6 prefix rules compare (an IPv4 address in its IPv4-mapped form), or
 *     {@code null} for a hostname
 */
record MatchedHost(String text, byte[] ipv6) {

    /** {@return the host of a {@code tcp://} or {@code tls://} endpoint as rules see it} */
    static MatchedHost of(Endpoint endpoint) {
        InetAddress literal = endpoint.ipAddress().orElse(null);
        return new MatchedHost(text(endpoint.host(), literal), literal == null ? null : MappedIpv6.bytes(literal));
    }

    /**
     * {@return the text rules compare for a canonical host}
     *
     * @param canonicalHost a host normalised like a URI host
     * @param literal the address it denotes, or {@code null} for a hostname
     */
    static String text(String canonicalHost, InetAddress literal) {
        if (literal == null) {
            return withoutTrailingDot(canonicalHost);
        }
        byte[] b = literal.getAddress();
        if (literal instanceof Inet6Address && isIpv4Mapped(b)) {
            return (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        return canonicalHost;
    }

    /** {@return the name without the one trailing dot of a fully qualified name} */
    static String withoutTrailingDot(String host) {
        return host.length() > 1 && host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static boolean isIpv4Mapped(byte[] address) {
        if (address.length != 16 || address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
