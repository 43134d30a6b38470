package dev.shuttle.internal.combinator;

import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.internal.uri.HostNames;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One rule of the selective connector: {@code host} or {@code host:port}, where the host may hold
 * {@code *} wildcards (each matching any run of characters, dots included) and the port is a
 * number or a range {@code min-max}. IPv6 hosts are written in brackets: {@code [::1]:80}.
 *
 * <p>Matching is exact ({@code example.com} does not match {@code www.example.com}) and
 * case-insensitive; a host without wildcards is normalised like a URI host, so
 * {@code [0:0:0:0:0:0:0:1]} matches {@code tcp://[::1]:80}. Hosts that name the same destination
 * match the same rules: a fully qualified name ({@code db.internal.}, one trailing dot) is the
 * name without the dot, on either side; an IPv4-mapped IPv6 address ({@code [::ffff:10.0.0.1]})
 * is its IPv4 address, so IPv4 rules such as {@code 10.*} match it, and an IPv6 rule written as
 * a mapped address matches the IPv4 address. A wildcard IPv6 rule is a prefix of whole groups,
 * {@code [2001:db8:*]}, compared as numbers against the address (IPv4 addresses in their mapped
 * form); {@code ::} next to {@code *} is refused as ambiguous. A wildcard of digits, dots and
 * {@code *} ({@code 10.*}, {@code 127.0.0.*}) is an IPv4 address pattern: it matches IP
 * addresses only, never the text of a hostname such as {@code 10.example.com}. The zone of an IPv6 address
 * ({@code tcp://[fe80::1%eth0]:22}, {@code %25eth0}, or the interface's index) does not hide it
 * from the rules for the address: {@code [fe80::1]} and {@code [fe80:*]} match it in every zone.
 * A rule with a zone ({@code [fe80::1%eth0]}, written as in a URI) matches that zone only, by
 * name or index, and not the address without a zone. Unix endpoints match no rule.
 *
 * <p>A rule is read as a target's host is, so both sides compare one canonical form: upper case
 * and international labels ({@code *.BÜCHER.example}) become the lower-case {@code xn--} form.
 * What a target's host could not be is refused, naming the rule: invisible characters, non-ASCII
 * digits and dots, and numeric IPv4 spellings other than the dotted quad ({@code 127.1},
 * {@code 0x7f.*}); see {@link RuleSpelling}.
 */
public final class HostPortRule {
    private static final Pattern WILDCARD_LABEL = Pattern.compile("[a-z0-9_*-]+");
    private static final Pattern IPV4_WILDCARD = Pattern.compile("[0-9*.]*[0-9][0-9*.]*");
    private static final Pattern WILDCARD_IPV6 = Pattern.compile("[0-9a-f:.*]+");

    private final String text;
    private final MatchedHost host;
    private final HostGlob hostPattern;
    private final Ipv6Prefix ipv6Prefix;
    private final boolean ipv4Wildcard;
    private final int minPort;
    private final int maxPort;

    private HostPortRule(String text, MatchedHost host, int minPort, int maxPort) {
        this.text = text;
        String hostText = host.text();
        boolean wildcard = hostText.indexOf('*') >= 0;
        boolean ipv6 = hostText.indexOf(':') >= 0;
        this.host = host;
        this.hostPattern = wildcard && !ipv6 ? new HostGlob(hostText) : null;
        this.ipv6Prefix = wildcard && ipv6 ? prefix(text, hostText) : null;
        this.ipv4Wildcard = wildcard && !ipv6 && IPV4_WILDCARD.matcher(hostText).matches();
        this.minPort = minPort;
        this.maxPort = maxPort;
    }

    /**
     * Parses a rule.
     *
     * @param rule such as {@code *.example.com}, {@code localhost:8080}, {@code 10.0.0.*:1-1023}
     *     or {@code [::1]:443}
     * @return the rule
     * @throws IllegalArgumentException naming the rule when it is empty, has an empty host or
     *     port, a port outside 1-65535, a reversed range, an IPv6 address without brackets, a
     *     wildcard IPv6 host that is not whole groups then {@code :*}, or a character that does
     *     not belong
     */
    public static HostPortRule parse(String rule) {
        Objects.requireNonNull(rule, "rule");
        if (rule.isBlank()) {
            throw bad(rule, "it is empty");
        }
        try {
            RuleSpelling.checkCharacters(rule);
        } catch (IllegalArgumentException e) {
            throw bad(rule, e.getMessage());
        }
        String hostPart;
        String portPart;
        if (rule.startsWith("[")) {
            int close = rule.indexOf(']');
            if (close < 0) {
                throw bad(rule, "the '[' of an IPv6 address is never closed");
            }
            hostPart = rule.substring(1, close);
            String rest = rule.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw bad(rule, "'" + rest + "' follows the ']'; expected ':port' or nothing");
            }
            portPart = rest.isEmpty() ? null : rest.substring(1);
            if (hostPart.indexOf(':') < 0) {
                throw bad(rule, "brackets are for IPv6 addresses, and '" + hostPart + "' is not one");
            }
        } else {
            int colon = rule.indexOf(':');
            if (colon >= 0 && rule.indexOf(':', colon + 1) >= 0) {
                throw bad(rule, "an IPv6 address must be written in brackets, such as [::1]:80");
            }
            hostPart = colon < 0 ? rule : rule.substring(0, colon);
            portPart = colon < 0 ? null : rule.substring(colon + 1);
        }
        MatchedHost host = host(rule, hostPart);
        if (portPart == null) {
            return new HostPortRule(rule, host, 1, 65535);
        }
        int dash = portPart.indexOf('-');
        int min = port(rule, dash < 0 ? portPart : portPart.substring(0, dash));
        int max = dash < 0 ? min : port(rule, portPart.substring(dash + 1));
        if (min > max) {
            throw bad(rule, "the port range " + portPart + " is reversed; write " + max + "-" + min);
        }
        return new HostPortRule(rule, host, min, max);
    }

    private static MatchedHost host(String rule, String host) {
        if (host.isEmpty()) {
            throw bad(rule, "the host is empty");
        }
        String lower = host.toLowerCase(Locale.ROOT);
        boolean ipv6 = lower.indexOf(':') >= 0;
        if (lower.indexOf('*') >= 0) {
            if (ipv6) {
                if (!WILDCARD_IPV6.matcher(lower).matches()) {
                    throw bad(rule, "the host '" + host + "' holds a character that does not belong in an IPv6 address");
                }
                return new MatchedHost(lower, null, 0);
            }
            return new MatchedHost(wildcardName(rule, host), null, 0);
        }
        String canonical;
        InetAddress literal;
        try {
            // A zone is written as in a URI: %25eth0, or %eth0.
            canonical = HostNames.normalise(ipv6 ? host.replace("%25", "%") : host);
            literal = HostNames.literal(canonical);
        } catch (RuntimeException e) {
            // Whatever the host parser throws (IDN conversion throws more than IllegalArgumentException).
            throw bad(rule, e.getMessage());
        }
        return MatchedHost.of(canonical, literal);
    }

    /**
     * The host of a wildcard rule as targets are written: lower case, no trailing dot,
     * international labels in their {@code xn--} form (a label holding {@code *} is ASCII only:
     * a pattern cannot be converted), and no numeric IPv4 spelling such as {@code 0x7f.*}.
     */
    private static String wildcardName(String rule, String host) {
        String name = MatchedHost.withoutTrailingDot(host);
        StringBuilder canonical = new StringBuilder(name.length());
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty()) {
                throw bad(rule, "the host '" + host + "' has an empty label");
            }
            if (!canonical.isEmpty()) {
                canonical.append('.');
            }
            canonical.append(wildcardLabel(rule, host, label));
        }
        try {
            RuleSpelling.checkNotNumericIpv4(canonical.toString());
        } catch (IllegalArgumentException e) {
            throw bad(rule, e.getMessage());
        }
        return canonical.toString();
    }

    private static String wildcardLabel(String rule, String host, String label) {
        boolean ascii = label.chars().allMatch(c -> c < 0x80);
        if (label.indexOf('*') >= 0 && !ascii) {
            throw bad(rule, "the label '" + label + "' mixes '*' with non-ASCII characters; write the label's xn-- form,"
                    + " or '*' alone");
        }
        if (ascii) {
            String lower = label.toLowerCase(Locale.ROOT);
            if (!WILDCARD_LABEL.matcher(lower).matches()) {
                throw bad(rule, "the host '" + host + "' holds a character that does not belong in a hostname");
            }
            return lower;
        }
        try {
            // The label alone, as the last label of a name that cannot be taken for an address.
            String converted = HostNames.normalise("x." + label);
            return converted.substring(2);
        } catch (RuntimeException e) {
            throw bad(rule, e.getMessage());
        }
    }

    private static Ipv6Prefix prefix(String rule, String host) {
        try {
            return Ipv6Prefix.parse(host);
        } catch (IllegalArgumentException e) {
            throw bad(rule, e.getMessage());
        }
    }

    private static int port(String rule, String port) {
        if (port.isEmpty()) {
            throw bad(rule, "the port is empty");
        }
        for (int i = 0; i < port.length(); i++) {
            char c = port.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(rule, "the port '" + port + "' is not a number or a range min-max");
            }
        }
        int value = port.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(port);
        if (value < 1 || value > 65535) {
            throw bad(rule, "the port " + port + " is outside 1-65535");
        }
        return value;
    }

    private static IllegalArgumentException bad(String rule, String why) {
        return new IllegalArgumentException("Malformed selective rule '" + rule + "': " + why);
    }

    /**
     * {@return whether the endpoint's host and port match this rule}
     *
     * @param endpoint a {@code tcp://} or {@code tls://} endpoint; {@code unix://} never matches
     */
    public boolean matches(Endpoint endpoint) {
        if (endpoint.scheme() == Scheme.UNIX) {
            return false;
        }
        return matches(MatchedHost.of(endpoint), endpoint.port());
    }

    /**
     * {@return whether a connection to this address and port matches this rule}, as a URI naming
     * the address would
     *
     * @param address an address a name resolved to, about to be connected to
     */
    public boolean matches(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        return ip != null && matches(MatchedHost.of(HostNames.format(ip), ip), address.getPort());
    }

    private boolean matches(MatchedHost target, int port) {
        if (port < minPort || port > maxPort) {
            return false;
        }
        for (MatchedHost destination : target.destinations()) {
            if (matchesHost(destination)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesHost(MatchedHost matched) {
        if (ipv6Prefix != null) {
            return matched.ipv6() != null && ipv6Prefix.matches(matched.ipv6());
        }
        if (hostPattern == null) {
            return host.matches(matched);
        }
        // An address wildcard (10.*) matches addresses only: else an allow rule 10.* -> direct
        // would route 10.attacker.example, a name the attacker chose and points anywhere.
        if (ipv4Wildcard && matched.ipv6() == null) {
            return false;
        }
        return hostPattern.matches(matched.text());
    }

    /**
     * {@return whether this rule is written for addresses}: an IP address ({@code 10.0.0.1},
     * {@code [::1]}), an IPv6 prefix ({@code [fe80:*]}) or an IPv4 wildcard of numbers, dots and
     * {@code *} with at least one digit ({@code 127.*}, {@code 10.0.*.1}). Such a rule also
     * matches a hostname target by the addresses it resolves to; {@code *} and name rules do not.
     */
    public boolean namesAddresses() {
        return host.ipv6() != null || ipv6Prefix != null || ipv4Wildcard;
    }

    /** {@return the rule as written} */
    @Override
    public String toString() {
        return text;
    }
}
