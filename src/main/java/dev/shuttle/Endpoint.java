package dev.shuttle;

import dev.shuttle.internal.uri.HostNames;
import dev.shuttle.internal.uri.UriParser;
import dev.shuttle.internal.uri.UriParts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A checked, normalised Shuttle address: {@code tcp://host:port}, {@code tls://host:port},
 * {@code unix:///absolute/path} or {@code udp://host:port}.
 *
 * <p>{@link #toString()} writes the canonical form every Shuttle component prints and accepts:
 * the scheme always present, hostnames in lower-case ASCII (IDN names converted), IPv6 literals
 * compressed, in lower case and in brackets, with a scope only on link-local addresses:
 * {@code tcp://127.0.0.1:8080}, {@code tcp://[::1]:8080}, {@code unix:///run/app.sock}.
 *
 * <p>Instances are immutable and compare equal when their canonical forms are equal. Every
 * endpoint that {@link #parse(String)} returns parses back to itself:
 * {@code Endpoint.parse(e.toString()).equals(e)}.
 *
 * <p>One spelling per host: hosts are normalised once, here, before anything else (a selective
 * rule, a resolver, TLS verification) looks at them, so a rule written for a host sees every
 * spelling of it:
 * <ul>
 * <li>A host holding an invisible or unusual character is refused, naming the character as
 *     {@code U+XXXX} and its index: Unicode categories Cf (soft hyphen, zero-width space, byte
 *     order mark, bidi controls), Cc, Zs, Zl, Zp, Co, Cs (an unpaired surrogate) and Cn
 *     (unassigned), and characters IDN mapping deletes (combining grapheme joiner, variation
 *     selectors). {@code tcp://2130706433:80} with a zero-width space after the number is
 *     refused; it is not quietly {@code 127.0.0.1}. So are {@code ß} and {@code ς}, which IDNA
 *     2003 (the JDK) and IDNA 2008 (browsers) turn into different names; write the
 *     {@code xn--} form of the one meant.</li>
 * <li>Hostnames are mapped to lower-case ASCII by IDNA ({@link java.net.IDN}): {@code Bücher.example}
 *     is {@code xn--bcher-kva.example}, the full-width {@code ｌｏｃａｌｈｏｓｔ} is
 *     {@code localhost}, and {@code 。}, {@code ．} and {@code ｡} separate labels as {@code .}
 *     does. A homograph stays a different name: {@code lоcalhost} with a Cyrillic {@code о} is
 *     {@code xn--lcalhost-nbh}, not {@code localhost}. Label (63) and name (253) lengths are
 *     checked on the text as written too.</li>
 * <li>A host whose last label, after mapping, is a number ({@code 2130706433}, {@code 127.1},
 *     {@code 0x7f.1}, {@code 0177.0.0.1}, {@code 127.0.0.1.}, {@code example.123}, or full-width
 *     digits) is not a hostname: the only IPv4 spelling accepted is the dotted quad in ASCII digits
 *     ({@code 127.0.0.1}); every other one is refused, naming the address other software would
 *     read it as.</li>
 * <li>IPv6 literals are written as RFC 5952 says (compressed, lower case). IPv4-mapped addresses
 *     stay IPv6 and are written in hexadecimal ({@code [::ffff:127.0.0.1]} is
 *     {@code [::ffff:7f00:1]}; selective rules match them as their IPv4 address), and so do
 *     IPv4-compatible ones ({@code [::127.0.0.1]} is {@code [::7f00:1]}). An IPv4 part inside
 *     IPv6 text must be a dotted quad without leading zeros. A scope ({@code %25eth0}) is a number
 *     or the name of an interface on this machine, in ASCII letters, digits, {@code .},
 *     {@code _} and {@code -}; it is kept only on link-local and site-local addresses.</li>
 * <li>A {@code unix://} path is checked as a file-system path when parsed, and kept in its
 *     normal form ({@code //} and a trailing {@code /} removed), so {@link #path()} and
 *     {@link #socketAddress()} never fail later.</li>
 * </ul>
 *
 * {@snippet :
 * Endpoint endpoint = Endpoint.parse("Example.COM:443");
 * endpoint.toString(); // "tcp://example.com:443"
 * }
 */
public final class Endpoint {
    private final Scheme scheme;
    private final String host;
    private final int port;
    private final String path;
    private final InetAddress literal;
    private final String text;

    private Endpoint(Scheme scheme, String host, int port, String path) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.path = path;
        this.literal = host == null ? null : HostNames.literal(host);
        this.text = scheme == Scheme.UNIX
                ? "unix://" + path
                : scheme.text() + "://" + (host.indexOf(':') >= 0 ? "[" + host.replace("%", "%25") + "]" : host)
                        + ":" + port;
    }

    /**
     * Parses an address to connect to. Accepts {@code host:port}, {@code tcp://host:port},
     * {@code tls://host:port}, {@code unix:///absolute/path}, {@code udp://host:port}, IPv6 literals in brackets (a scope
     * written {@code %25eth0} or {@code %eth0}) and international hostnames. Does no I/O.
     *
     * @param uri the address
     * @return the endpoint
     * @throws IllegalArgumentException naming the URI and what is wrong: missing or non-numeric
     *     port, port outside 1-65535, unknown scheme, IPv6 without brackets, empty host, a label
     *     over 63 or a name over 253 characters, a character not allowed in a hostname (invisible
     *     ones named as {@code U+XXXX} with their index), an IPv4 address not written as a dotted
     *     quad, a path or query where none belongs, a relative Unix path or one this file system
     *     cannot hold. No other exception, whatever the text.
     * @throws NullPointerException if {@code uri} is null
     */
    public static Endpoint parse(String uri) {
        return of(UriParser.parse(uri, false));
    }

    /**
     * Parses an address to listen on: as {@link #parse(String)}, but port 0 (any free port) is
     * allowed.
     *
     * @param uri the address
     * @return the endpoint
     * @throws IllegalArgumentException naming the URI and what is wrong with it
     * @throws NullPointerException if {@code uri} is null
     */
    public static Endpoint parseListening(String uri) {
        return of(UriParser.parse(uri, true));
    }

    /**
     * Returns the endpoint of a TCP, TLS or UDP socket address.
     *
     * @param scheme {@link Scheme#TCP}, {@link Scheme#TLS} or {@link Scheme#UDP}
     * @param address a resolved socket address
     * @return the endpoint, with the address as its host
     * @throws IllegalArgumentException if the scheme is {@link Scheme#UNIX} or the address is
     *     unresolved
     */
    public static Endpoint of(Scheme scheme, InetSocketAddress address) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(address, "address");
        if (scheme == Scheme.UNIX) {
            throw new IllegalArgumentException("a socket address " + address + " cannot be a unix:// endpoint");
        }
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("socket address " + address + " is unresolved");
        }
        return new Endpoint(scheme, HostNames.format(address.getAddress()), address.getPort(), null);
    }

    /**
     * Returns the endpoint of a Unix domain socket address.
     *
     * @param address the address; an empty path (an unnamed socket) gives {@code unix://}
     * @return the endpoint; one with an empty or relative path prints as a URI that
     *     {@link #parse(String)} refuses
     */
    public static Endpoint of(UnixDomainSocketAddress address) {
        Objects.requireNonNull(address, "address");
        return new Endpoint(Scheme.UNIX, null, -1, address.getPath().toString());
    }

    private static Endpoint of(UriParts parts) {
        return new Endpoint(parts.scheme(), parts.host(), parts.port(), parts.path());
    }

    /** {@return the transport} */
    public Scheme scheme() {
        return scheme;
    }

    /**
     * {@return the canonical host: a lower-case hostname, an IPv4 literal or an IPv6 literal
     * without brackets}
     *
     * @throws IllegalStateException for a {@code unix://} endpoint, which has no host
     */
    public String host() {
        if (host == null) {
            throw new IllegalStateException(text + " has no host");
        }
        return host;
    }

    /**
     * {@return the port, 0 to 65535}
     *
     * @throws IllegalStateException for a {@code unix://} endpoint, which has no port
     */
    public int port() {
        if (host == null) {
            throw new IllegalStateException(text + " has no port");
        }
        return port;
    }

    /**
     * {@return the socket path of a {@code unix://} endpoint}
     *
     * @throws IllegalStateException for a TCP or TLS endpoint
     */
    public Path path() {
        if (path == null) {
            throw new IllegalStateException(text + " has no socket path");
        }
        return Path.of(path);
    }

    /** {@return the IP address when the host is an IP literal; empty for a hostname or Unix path} */
    public Optional<InetAddress> ipAddress() {
        return Optional.ofNullable(literal);
    }

    /**
     * {@return the socket address: resolved for IP literals, unresolved for hostnames, a
     * {@link UnixDomainSocketAddress} for {@code unix://}}
     */
    public java.net.SocketAddress socketAddress() {
        if (scheme == Scheme.UNIX) {
            return UnixDomainSocketAddress.of(path);
        }
        return literal != null
                ? new InetSocketAddress(literal, port)
                : InetSocketAddress.createUnresolved(host, port);
    }

    /**
     * {@return the same host and port under another scheme}
     *
     * @param other {@link Scheme#TCP}, {@link Scheme#TLS} or {@link Scheme#UDP}
     * @throws IllegalArgumentException when moving between a Unix path and a host and port
     */
    public Endpoint withScheme(Scheme other) {
        if (other == scheme) {
            return this;
        }
        if ((other == Scheme.UNIX) != (scheme == Scheme.UNIX)) {
            throw new IllegalArgumentException("cannot change " + text + " to scheme " + other);
        }
        return new Endpoint(other, host, port, path);
    }

    /** {@return this endpoint as a {@link URI}} */
    public URI toUri() {
        if (scheme != Scheme.UNIX) {
            return URI.create(text);
        }
        try {
            return new URI("unix", "", path, null, null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot write " + path + " as a URI", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Endpoint endpoint && endpoint.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** {@return the canonical URI text, such as {@code tcp://[::1]:8080}} */
    @Override
    public String toString() {
        return text;
    }
}
