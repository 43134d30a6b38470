package dev.shuttle;

import dev.shuttle.internal.proxyprotocol.TrustedSources;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The PROXY protocol setting of a server ({@link ServerOptions.Builder#proxyProtocol}): the server
 * reads a PROXY protocol header, version 1 (text) or 2 (binary), at the start of every connection,
 * as HAProxy's {@code send-proxy}, AWS NLB or nginx's stream module send it, before anything else
 * (before the TLS handshake of a {@code tls://} server), and the connection's
 * {@link Connection#remoteAddress()} becomes the original client. The header's details and the
 * proxy's own address stay reachable through {@code connection.unwrap(ProxyHeader.class)}.
 *
 * <p>Only the trusted sources may send a header, and every one of their connections must start
 * with one (unless the header is {@linkplain Builder#headerOptional optional}). A connection from
 * any other address, one without a valid header, one whose header is longer than
 * {@value #MAX_HEADER_LENGTH} bytes or that has not arrived within the
 * {@linkplain #headerTimeout() header timeout} is closed and reported to the server's error
 * handler ({@link java.net.ProtocolException}, {@link java.net.ConnectException} for an untrusted
 * peer, {@link java.net.SocketTimeoutException}); it never reaches the handler.
 *
 * <p>Immutable, with value equality.
 *
 * {@snippet :
 * ServerOptions options = ServerOptions.builder()
 *         .proxyProtocol(ProxyProtocol.trusting("10.0.0.0/8", "127.0.0.1"))
 *         .build();
 * }
 */
public final class ProxyProtocol {
    /** The longest header read, in bytes: a v2 header with a few hundred bytes of TLVs fits. */
    public static final int MAX_HEADER_LENGTH = 4096;

    private final TrustedSources trusted;
    private final Duration headerTimeout;
    private final boolean headerOptional;

    private ProxyProtocol(TrustedSources trusted, Duration headerTimeout, boolean headerOptional) {
        this.trusted = trusted;
        this.headerTimeout = headerTimeout;
        this.headerOptional = headerOptional;
    }

    /**
     * The setting that trusts the given sources, with the default header timeout.
     *
     * @param sources addresses ({@code 127.0.0.1}, {@code ::1}), networks in CIDR notation
     *     ({@code 10.0.0.0/8}, {@code fd00::/8}) or {@code unix} for every peer of a Unix socket
     * @return the setting
     * @throws IllegalArgumentException if there is no source, or one is none of these (naming it)
     */
    public static ProxyProtocol trusting(String... sources) {
        return builder().trust(sources).build();
    }

    /** {@return a builder that trusts nobody yet, with a 3-second header timeout} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this setting} */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.sources = List.copyOf(trusted.canonical());
        builder.headerTimeout = headerTimeout;
        builder.headerOptional = headerOptional;
        return builder;
    }

    /** {@return the trusted sources in canonical form, such as {@code 10.0.0.0/8} and {@code ::1}} */
    public List<String> trustedSources() {
        return trusted.canonical();
    }

    /** {@return whether a peer at this address may send a header} */
    public boolean trusts(Endpoint peer) {
        return trusted.trusts(Objects.requireNonNull(peer, "peer"));
    }

    /** {@return how long a peer has to send the whole header} */
    public Duration headerTimeout() {
        return headerTimeout;
    }

    /**
     * {@return whether a trusted source may also connect without a header} See
     * {@link Builder#headerOptional(boolean)}.
     */
    public boolean headerOptional() {
        return headerOptional;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProxyProtocol that && trusted.canonical().equals(that.trusted.canonical())
                && headerTimeout.equals(that.headerTimeout) && headerOptional == that.headerOptional;
    }

    @Override
    public int hashCode() {
        return Objects.hash(trusted.canonical(), headerTimeout, headerOptional);
    }

    @Override
    public String toString() {
        return "ProxyProtocol[trusted=" + trusted.canonical() + ", headerTimeout=" + headerTimeout
                + ", header=" + (headerOptional ? "optional" : "required") + "]";
    }

    /** Builds a {@link ProxyProtocol}. Not thread-safe. */
    public static final class Builder {
        private List<String> sources = List.of();
        private Duration headerTimeout = Duration.ofSeconds(3);
        private boolean headerOptional;

        private Builder() {}

        /**
         * Sets the sources allowed to send a header, replacing any set before. Required: at least one.
         *
         * @param sources addresses, CIDR networks or {@code unix}
         * @return this builder
         */
        public Builder trust(String... sources) {
            Objects.requireNonNull(sources, "sources");
            this.sources = List.of(sources.clone());
            return this;
        }

        /**
         * Sets how long a peer has, from the accept, to send its whole header; a header still
         * incomplete then (a slow or silent peer) closes the connection. Defaults to 3 seconds.
         *
         * @param timeout positive
         * @return this builder
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder headerTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "headerTimeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("headerTimeout must be positive, not " + timeout);
            }
            this.headerTimeout = timeout;
            return this;
        }

        /**
         * Sets whether a trusted source may connect without a header. Defaults to {@code false}:
         * every connection of a trusted source must start with one, as the PROXY protocol
         * specification requires of a receiver (HAProxy's {@code accept-proxy}, nginx's
         * {@code proxy_protocol}).
         *
         * <p>When optional, the server looks at the first bytes of a trusted source's connection:
         * <ul>
         * <li>bytes that start with a full signature (the v1 {@code "PROXY "} or the 12-byte v2
         *     signature) are a header, read and checked as when it is required: a malformed one is
         *     refused;</li>
         * <li>bytes that cannot start a signature (a TLS ClientHello, {@code GET /}, even
         *     {@code PROPFIND}) mean there is none: the connection reaches the handler, or the TLS
         *     handshake, with every byte read so far given back first, its remote address the
         *     peer's own and no {@code ProxyHeader} to unwrap. A decision needs only the bytes
         *     that have arrived: a client that sends one such byte and waits for an answer gets
         *     it at once. A client that closes its side before a full signature has arrived has
         *     no header either;</li>
         * <li>a client that sends nothing, or only the start of a signature ({@code "PRO"}),
         *     until the {@linkplain #headerTimeout header timeout} passes is refused as too slow,
         *     as when the header is required. So this mode suits protocols in which the client
         *     speaks first, and a server-first protocol (SMTP, say) waits that long.</li>
         * </ul>
         * Peers that are not trusted are refused before anything is read, as when the header is
         * required.
         *
         * <p>Security: the specification forbids guessing because a header is believed by where it
         * comes from. With the header optional, a trusted source that relays another party's bytes
         * without a header of its own (a proxy whose {@code send-proxy} is off for some route, a
         * tunnel, a port forward, a client on a trusted network) lets that party send a header of
         * its choice and name any client address. Make it optional only when every trusted source
         * either always sends a header or never relays others' bytes, such as during a migration
         * to the PROXY protocol or for health checks from the load balancer's own address.
         *
         * @param optional {@code true} to let trusted sources omit the header
         * @return this builder
         */
        public Builder headerOptional(boolean optional) {
            this.headerOptional = optional;
            return this;
        }

        /**
         * {@return the setting}
         *
         * @throws IllegalArgumentException if no source was given, or one is not an address,
         *     a network or {@code unix}
         */
        public ProxyProtocol build() {
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("the PROXY protocol needs at least one trusted source "
                        + "(the proxy's address or network, such as 10.0.0.0/8)");
            }
            return new ProxyProtocol(TrustedSources.parse(sources), headerTimeout, headerOptional);
        }
    }
}
