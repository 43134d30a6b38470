package dev.shuttle;

import java.util.Locale;
import java.util.Objects;

/**
 * The transport named by the scheme of a Shuttle URI.
 *
 * <p>A URI without a scheme ({@code "127.0.0.1:80"}) is {@link #TCP}.
 */
public enum Scheme {
    /** Plain TCP: {@code tcp://host:port}. */
    TCP("tcp"),
    /** TLS over TCP: {@code tls://host:port}. */
    TLS("tls"),
    /** A Unix domain stream socket: {@code unix:///absolute/path}. */
    UNIX("unix"),
    /**
     * UDP datagrams: {@code udp://host:port}. Not a byte stream: {@code UdpSocket} and
     * {@code UdpServer} speak it, while connectors and {@link Server#listen(String)} refuse it.
     */
    UDP("udp");

    private final String text;

    Scheme(String text) {
        this.text = text;
    }

    /** {@return the scheme as written in a URI, in lower case, such as {@code "tcp"}} */
    public String text() {
        return text;
    }

    /** {@return whether this transport addresses peers by host and port (TCP, TLS and UDP)} */
    public boolean isInternet() {
        return this != UNIX;
    }

    /**
     * Finds the scheme written in a URI, ignoring case.
     *
     * @param text the scheme, such as {@code "tcp"} or {@code "TLS"}
     * @return the scheme
     * @throws IllegalArgumentException if the text names no scheme Shuttle knows
     * @throws NullPointerException if {@code text} is null
     */
    public static Scheme of(String text) {
        Objects.requireNonNull(text, "scheme text is null");
        String lower = text.toLowerCase(Locale.ROOT);
        for (Scheme scheme : values()) {
            if (scheme.text.equals(lower)) {
                return scheme;
            }
        }
        throw new IllegalArgumentException("unknown scheme '" + text + "' (expected tcp, tls, unix or udp)");
    }

    @Override
    public String toString() {
        return text;
    }
}
