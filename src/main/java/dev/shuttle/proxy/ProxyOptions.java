package dev.shuttle.proxy;

import dev.shuttle.Resolver;
import dev.shuttle.tls.TlsOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of a proxy connector ({@link ProxyConnectors#through(String, dev.shuttle.Connector, ProxyOptions)}).
 *
 * <p>Immutable, with value equality; build with {@link #builder()} or vary with {@link #toBuilder()}.
 * Builders are not thread-safe.
 *
 * {@snippet :
 * ProxyOptions options = ProxyOptions.builder()
 *         .localResolution(Resolver.dns())          // resolve here, send the proxy an address
 *         .connectTimeout(Duration.ofSeconds(5))
 *         .build();
 * }
 */
public final class ProxyOptions {
    private static final ProxyOptions DEFAULTS = builder().build();

    private final Resolver localResolver;
    private final TlsOptions tls;
    private final Duration connectTimeout;

    private ProxyOptions(Builder builder) {
        this.localResolver = builder.localResolver;
        this.tls = builder.tls;
        this.connectTimeout = builder.connectTimeout;
    }

    /** {@return the defaults: names resolved by the proxy, default TLS options, a 10-second timeout} */
    public static ProxyOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.localResolver = localResolver;
        builder.tls = tls;
        builder.connectTimeout = connectTimeout;
        return builder;
    }

    /** {@return the resolver of target names when they are resolved here; empty when the proxy resolves them} */
    public Optional<Resolver> localResolver() {
        return Optional.ofNullable(localResolver);
    }

    /** {@return the TLS options of {@code tls://} targets, whose handshake runs through the tunnel} */
    public TlsOptions tls() {
        return tls;
    }

    /** {@return the longest a whole connect may take: reaching the proxy, the tunnel and any TLS handshake} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProxyOptions that && Objects.equals(localResolver, that.localResolver)
                && tls.equals(that.tls) && connectTimeout.equals(that.connectTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(localResolver, tls, connectTimeout);
    }

    @Override
    public String toString() {
        return "ProxyOptions[resolution=" + (localResolver == null ? "by the proxy" : "local " + localResolver)
                + ", tls=" + tls + ", connectTimeout=" + connectTimeout + "]";
    }

    /** Builds {@link ProxyOptions}. Not thread-safe. */
    public static final class Builder {
        private Resolver localResolver;
        private TlsOptions tls = TlsOptions.defaults();
        private Duration connectTimeout = Duration.ofSeconds(10);

        private Builder() {}

        /**
         * Resolves target hostnames here and sends the proxy an address, instead of the name
         * (what {@code socks5://} as opposed to {@code socks5h://} means in curl). Defaults to
         * none: the proxy resolves names, so DNS queries do not leave from this machine.
         *
         * @param resolver the resolver, or {@code null} to let the proxy resolve
         * @return this builder
         */
        public Builder localResolution(Resolver resolver) {
            this.localResolver = resolver;
            return this;
        }

        /**
         * Sets the TLS options of {@code tls://} targets: the handshake runs end to end through
         * the tunnel, with SNI and verification for the target's name. Defaults to
         * {@link TlsOptions#defaults()}.
         *
         * @param options the options
         * @return this builder
         */
        public Builder tls(TlsOptions options) {
            this.tls = Objects.requireNonNull(options, "tls");
            return this;
        }

        /**
         * Sets the deadline of a whole connect: reaching the proxy, its answers, and the TLS
         * handshake of a {@code tls://} target; when it passes the attempt is cancelled, what it
         * opened is closed, and the connect throws {@link java.net.SocketTimeoutException}.
         * Defaults to 10 seconds.
         *
         * @param timeout positive
         * @return this builder
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder connectTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "connectTimeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("connectTimeout must be positive, not " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /** {@return the options} */
        public ProxyOptions build() {
            return new ProxyOptions(this);
        }
    }
}
