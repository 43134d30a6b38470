package dev.shuttle.internal.combinator;

import dev.shuttle.Endpoint;
import dev.shuttle.internal.uri.MappedIpv6;
import dev.shuttle.internal.uri.HostNames;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * A host as the rules of the selective connector see it, so that hosts naming the same destination
 * match the same rules: a fully qualified name is the name without its trailing dot, an
 * IPv4-mapped IPv6 address is its IPv4 address, which is where a connection to it goes, and the
 * zone of an IPv6 address ({@code %eth0}, {@code %25eth0} in a URI, {@code %2}) is kept apart
 * from the address, so that rules for the address match it in every zone. The unspecified address
 * is also the loopback addresses, where a connect to it goes ({@link #destinations()}).
 *
 * @param text the text hostname and IP rules compare: lower case, no trailing dot, dotted quad
 *     for an IPv4-mapped address, no zone
 * @param ipv6 the 16 bytes IPv6 prefix rules compare (an IPv4 address in its IPv4-mapped form), or
 *     {@code null} for a hostname
 * @param zone the numeric zone (scope id) of an IPv6 address, the same whether it was written as
 *     an interface name or its index; 0 for none
 */
record MatchedHost(String text, byte[] ipv6, int zone) {

    /** {@return the host of a {@code tcp://} or {@code tls://} endpoint as rules see it} */
    static MatchedHost of(Endpoint endpoint) {
        return of(endpoint.host(), endpoint.ipAddress().orElse(null));
    }

    /**
     * {@return a host as rules see it}
     *
     * @param canonicalHost a host normalised like a URI host
     * @param literal the address it denotes, or {@code null} for a hostname
     */
    static MatchedHost of(String canonicalHost, InetAddress literal) {
        if (literal == null) {
            return new MatchedHost(withoutTrailingDot(canonicalHost), null, 0);
        }
        return new MatchedHost(text(literal), MappedIpv6.bytes(literal),
                literal instanceof Inet6Address v6 ? v6.getScopeId() : 0);
    }

    /**
     * The text of an IP address, written from the address itself and never from how the host was
     * spelled (a spelling such as {@code 127.1} that the JDK reads as an address must not hide it
     * from the rules for {@code 127.0.0.1}): dotted quad for IPv4 and IPv4-mapped addresses, the
     * canonical IPv6 text without its zone.
     */
    private static String text(InetAddress literal) {
        byte[] b = literal.getAddress();
        if (literal instanceof Inet4Address || isIpv4Mapped(b)) {
            return (b[b.length - 4] & 0xff) + "." + (b[b.length - 3] & 0xff) + "." + (b[b.length - 2] & 0xff)
                    + "." + (b[b.length - 1] & 0xff);
        }
        String text = HostNames.format(literal);
        int zone = text.indexOf('%');
        return zone < 0 ? text : text.substring(0, zone);
    }

    private static final MatchedHost LOOPBACK_IPV4 = of("127.0.0.1", InetAddress.ofLiteral("127.0.0.1"));
    private static final MatchedHost LOOPBACK_IPV6 = of("::1", InetAddress.ofLiteral("::1"));

    /**
     * {@return this host, and where the system connects it when that is another address}: the
     * unspecified address ({@code 0.0.0.0}, {@code ::}, {@code ::ffff:0.0.0.0}) is also the
     * loopback addresses {@code 127.0.0.1} and {@code ::1}, since a connect to it reaches this
     * host (the JDK connects it to {@code InetAddress.getLocalHost()}, Linux to loopback)
     */
    List<MatchedHost> destinations() {
        if (ipv6 == null || !unspecified(ipv6)) {
            return List.of(this);
        }
        return List.of(this, LOOPBACK_IPV4, LOOPBACK_IPV6);
    }

    /** Whether the 16 bytes are {@code ::} or {@code ::ffff:0.0.0.0}. */
    private static boolean unspecified(byte[] address) {
        for (int i = 0; i < 16; i++) {
            boolean mappedMarker = i == 10 || i == 11;
            if (address[i] != 0 && !(mappedMarker && address[i] == (byte) 0xff && address[10] == address[11])) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@return whether this host, from a rule without wildcards, matches a host rules see: the
     * same text, and for a rule with a zone, the same zone}
     *
     * @param target the host of the endpoint
     */
    boolean matches(MatchedHost target) {
        return text.equals(target.text) && (zone == 0 || zone == target.zone);
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
