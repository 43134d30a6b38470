package dev.shuttle.internal.proxy;

/** The protocol spoken to a proxy, and whether the proxy is reached over TLS. */
public enum ProxyKind {
    /** SOCKS version 5 (RFC 1928), with username/password authentication (RFC 1929). */
    SOCKS5("socks5", 1080, false),
    /** SOCKS version 4a: an old protocol with the hostname sent to the proxy, and no password. */
    SOCKS4A("socks4a", 1080, false),
    /** HTTP CONNECT to a plaintext HTTP proxy. */
    HTTP("http", 80, false),
    /** HTTP CONNECT to an HTTP proxy reached over TLS. */
    HTTPS("https", 443, true);

    private final String scheme;
    private final int defaultPort;
    private final boolean tls;

    ProxyKind(String scheme, int defaultPort, boolean tls) {
        this.scheme = scheme;
        this.defaultPort = defaultPort;
        this.tls = tls;
    }

    /** {@return the scheme this kind prints as} */
    public String scheme() {
        return scheme;
    }

    /** {@return the port used when a proxy URI gives none} */
    public int defaultPort() {
        return defaultPort;
    }

    /** {@return whether the proxy itself is reached over TLS} */
    public boolean tls() {
        return tls;
    }

    /** {@return whether this is one of the SOCKS protocols} */
    public boolean socks() {
        return this == SOCKS5 || this == SOCKS4A;
    }

    /**
     * The kind of a scheme as written in a proxy URI: {@code socks5} and {@code socks5h} (both
     * let the proxy resolve names unless local resolution is asked for), {@code socks4a} and
     * {@code socks4}, {@code http}, {@code https} and {@code tls}.
     *
     * @param scheme the scheme in lower case
     * @return the kind, or {@code null} when the scheme is none of these
     */
    static ProxyKind ofScheme(String scheme) {
        return switch (scheme) {
            case "socks5", "socks5h", "socks" -> SOCKS5;
            case "socks4a", "socks4" -> SOCKS4A;
            case "http" -> HTTP;
            case "https", "tls" -> HTTPS;
            default -> null;
        };
    }
}
