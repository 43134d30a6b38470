package dev.shuttle;

import dev.shuttle.tls.TlsOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.Arrays;
import java.util.List;

/**
 * Options of the default connector, {@link Connector#create(ConnectorOptions)}: DNS, the connect
 * timeout, happy eyeballs and its delays, socket and TLS options, which schemes it accepts, and a
 * listener.
 *
 * <p>Immutable; build with {@link #builder()} or vary with {@link #toBuilder()}. Builders are not
 * thread-safe.
 *
 * {@snippet :
 * ConnectorOptions options = ConnectorOptions.builder()
 *         .resolver(Resolver.dns(ResolverOptions.builder().nameservers(List.of("127.0.0.1:5353")).build()))
 *         .connectTimeout(Duration.ofSeconds(3))
 *         .build();
 * }
 */
public final class ConnectorOptions {
    private static final Duration MIN_ATTEMPT_DELAY = Duration.ofMillis(10);
    private static final Duration CLAMP_LOW = Duration.ofMillis(100);
    private static final Duration CLAMP_HIGH = Duration.ofSeconds(2);

    private final Resolver resolver;
    private final Duration connectTimeout;
    private final boolean happyEyeballs;
    private final Duration resolutionDelay;
    private final Duration connectionAttemptDelay;
    private final boolean clampAttemptDelay;
    private final int firstAddressFamilyCount;
    private final SocketOptions socketOptions;
    private final Set<Scheme> schemes;
    private final ConnectListener listener;
    private final TlsOptions tls;
    private final boolean serviceRecords;
    private final String serviceScheme;

    private ConnectorOptions(Builder builder) {
        this.resolver = builder.resolver;
        this.connectTimeout = builder.connectTimeout;
        this.happyEyeballs = builder.happyEyeballs;
        this.resolutionDelay = builder.resolutionDelay;
        this.connectionAttemptDelay = builder.connectionAttemptDelay;
        this.clampAttemptDelay = builder.clampAttemptDelay;
        this.firstAddressFamilyCount = builder.firstAddressFamilyCount;
        this.socketOptions = builder.socketOptions;
        this.schemes = Set.copyOf(builder.schemes);
        this.listener = builder.listener;
        this.tls = builder.tls;
        this.serviceRecords = builder.serviceRecords;
        this.serviceScheme = builder.serviceScheme;
    }

    /** {@return the defaults} */
    public static ConnectorOptions defaults() {
        return builder().build();
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.resolver = resolver;
        builder.connectTimeout = connectTimeout;
        builder.happyEyeballs = happyEyeballs;
        builder.resolutionDelay = resolutionDelay;
        builder.connectionAttemptDelay = connectionAttemptDelay;
        builder.clampAttemptDelay = clampAttemptDelay;
        builder.firstAddressFamilyCount = firstAddressFamilyCount;
        builder.socketOptions = socketOptions;
        builder.schemes = EnumSet.copyOf(schemes);
        builder.listener = listener;
        builder.tls = tls;
        builder.serviceRecords = serviceRecords;
        builder.serviceScheme = serviceScheme;
        return builder;
    }

    /** {@return what resolves hostnames} */
    public Resolver resolver() {
        return resolver;
    }

    /** {@return the longest a whole connect may take: DNS, every attempt, the TLS handshake} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@return whether the addresses of a name are raced (RFC 8305) rather than tried one by one} */
    public boolean happyEyeballs() {
        return happyEyeballs;
    }

    /** {@return how long an A answer that came first waits for the AAAA answer} */
    public Duration resolutionDelay() {
        return resolutionDelay;
    }

    /** {@return the delay between the starts of two attempts, after clamping if it applies} */
    public Duration connectionAttemptDelay() {
        if (!clampAttemptDelay) {
            return connectionAttemptDelay;
        }
        if (connectionAttemptDelay.compareTo(CLAMP_LOW) < 0) {
            return CLAMP_LOW;
        }
        return connectionAttemptDelay.compareTo(CLAMP_HIGH) > 0 ? CLAMP_HIGH : connectionAttemptDelay;
    }

    /** {@return how many addresses of the preferred family are tried before the other family's first} */
    public int firstAddressFamilyCount() {
        return firstAddressFamilyCount;
    }

    /** {@return the options of every TCP socket} */
    public SocketOptions socketOptions() {
        return socketOptions;
    }

    /** {@return the schemes this connector accepts} */
    public Set<Scheme> schemes() {
        return schemes;
    }

    /** {@return what is told of every phase of a connect} */
    /** {@return whether connects race on HTTPS and SVCB records too (Happy Eyeballs v3)} */
    public boolean serviceRecords() {
        return serviceRecords;
    }

    /** {@return the scheme whose SVCB or HTTPS records are asked on any port and for tcp://, if set} */
    public java.util.Optional<String> serviceScheme() {
        return java.util.Optional.ofNullable(serviceScheme);
    }

    public ConnectListener listener() {
        return listener;
    }

    /** {@return the TLS options of {@code tls://} connections} */
    public TlsOptions tls() {
        return tls;
    }


    /** {@return the settings, in declaration order: what {@link #equals} and {@link #hashCode} compare} */
    private List<Object> values() {
        return Arrays.asList(
                resolver,
                connectTimeout,
                happyEyeballs,
                resolutionDelay,
                connectionAttemptDelay,
                clampAttemptDelay,
                firstAddressFamilyCount,
                socketOptions,
                schemes,
                listener,
                tls,
                serviceRecords,
                serviceScheme);
    }

    /**
     * Two options are equal when every setting is equal. Settings that are code (listeners,
     * resolvers, error handlers) are equal when they are the same object.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectorOptions that && values().equals(that.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    @Override
    public String toString() {
        return "ConnectorOptions[resolver=" + resolver
                + ", connectTimeout=" + connectTimeout
                + ", happyEyeballs=" + happyEyeballs
                + ", resolutionDelay=" + resolutionDelay
                + ", connectionAttemptDelay=" + connectionAttemptDelay
                + ", clampAttemptDelay=" + clampAttemptDelay
                + ", firstAddressFamilyCount=" + firstAddressFamilyCount
                + ", socketOptions=" + socketOptions
                + ", schemes=" + schemes
                + ", listener=" + listener
                + ", tls=" + tls
                + ", serviceRecords=" + serviceRecords
                + ", serviceScheme=" + serviceScheme + "]";
    }

    /** Builds {@link ConnectorOptions}. Not thread-safe. */
    public static final class Builder {
        private boolean serviceRecords = true;
        private String serviceScheme;
        private Resolver resolver;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private boolean happyEyeballs = true;
        private Duration resolutionDelay = Duration.ofMillis(50);
        private Duration connectionAttemptDelay = Duration.ofMillis(250);
        private boolean clampAttemptDelay = true;
        private int firstAddressFamilyCount = 1;
        private SocketOptions socketOptions = SocketOptions.defaults();
        private EnumSet<Scheme> schemes = EnumSet.of(Scheme.TCP, Scheme.TLS, Scheme.UNIX);
        private ConnectListener listener = ConnectListener.NONE;
        private TlsOptions tls;

        private Builder() {}

        /**
         * Sets the TLS options of {@code tls://} connections: trust, protocols, ALPN, a client
         * certificate, the handshake timeout. Defaults to {@link TlsOptions#defaults()}: the
         * peer's certificate chain and hostname verified against the JDK's trust store, TLS 1.3
         * and 1.2. The TLS context is built at the first {@code tls://} connect.
         *
         * @param tls the options
         * @return this builder
         */
        public Builder tls(TlsOptions tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * Sets what resolves hostnames. Defaults to {@link Resolver#dns()}: dnsjava with a cache,
         * the hosts file and the system's nameservers and search domains. An {@link Error} thrown
         * by a resolver of your own ends the connect at once with that {@code Error}, after
         * everything the connect opened is closed.
         *
         * @param resolver the resolver
         * @return this builder
         */
        public Builder resolver(Resolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Resolves names with Shuttle's DNS resolver asking these nameservers, instead of the
         * system's: a shortcut for
         * {@code resolver(Resolver.dns(ResolverOptions.builder().nameservers(List.of(nameservers)).build()))}.
         *
         * @param nameservers such as {@code "8.8.8.8"}, {@code "127.0.0.1:5353"}, {@code "[::1]:53"}
         * @return this builder
         * @throws IllegalArgumentException if none is given or one is malformed, naming it
         */
        public Builder nameservers(String... nameservers) {
            Objects.requireNonNull(nameservers, "nameservers");
            if (nameservers.length == 0) {
                throw new IllegalArgumentException("nameservers must name at least one server");
            }
            return resolver(Resolver.dns(ResolverOptions.builder().nameservers(java.util.List.of(nameservers)).build()));
        }

        /**
         * Sets the longest a whole connect may take (DNS, every attempt, a TLS handshake) before it
         * fails with {@link java.net.SocketTimeoutException}. Defaults to 10 seconds.
         *
         * @param timeout positive
         * @return this builder
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /**
         * Races the addresses of a name (RFC 8305 happy eyeballs) when on, the default; when off,
         * tries them one at a time in sorted order.
         *
         * @param on whether to race
         * @return this builder
         */
        public Builder happyEyeballs(boolean on) {
            this.happyEyeballs = on;
            return this;
        }

        /**
         * Sets how long an A answer that came before the AAAA answer waits for it. Defaults to
         * 50 ms, as RFC 8305 recommends.
         *
         * @param delay zero or positive, at most 1 second
         * @return this builder
         * @throws IllegalArgumentException if negative or over a second
         */
        public Builder resolutionDelay(Duration delay) {
            Objects.requireNonNull(delay, "resolutionDelay");
            if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("resolutionDelay must be between 0 and 1 second, not " + delay);
            }
            this.resolutionDelay = delay;
            return this;
        }

        /**
         * Sets how long an attempt runs alone before the next address is tried too. Defaults to
         * 250 ms. RFC 8305 forbids less than 10 ms; values outside 100 ms to 2 s are clamped into
         * that range unless {@link #clampAttemptDelay(boolean) clampAttemptDelay(false)}.
         *
         * @param delay at least 10 ms
         * @return this builder
         * @throws IllegalArgumentException if below 10 ms
         */
        public Builder connectionAttemptDelay(Duration delay) {
            Objects.requireNonNull(delay, "connectionAttemptDelay");
            if (delay.compareTo(MIN_ATTEMPT_DELAY) < 0) {
                throw new IllegalArgumentException("connectionAttemptDelay must be at least 10 ms (RFC 8305), not " + delay);
            }
            this.connectionAttemptDelay = delay;
            return this;
        }

        /**
         * Whether the attempt delay is clamped into 100 ms to 2 s. Defaults to {@code true}.
         *
         * @param on whether to clamp
         * @return this builder
         */
        public Builder clampAttemptDelay(boolean on) {
            this.clampAttemptDelay = on;
            return this;
        }

        /**
         * Sets how many addresses of the preferred family are tried before the first of the other
         * family. Defaults to 1.
         *
         * @param count at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder firstAddressFamilyCount(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("firstAddressFamilyCount must be at least 1, not " + count);
            }
            this.firstAddressFamilyCount = count;
            return this;
        }

        /**
         * Sets the options of every TCP socket. Defaults to {@link SocketOptions#defaults()}.
         *
         * @param options the options
         * @return this builder
         */
        public Builder socketOptions(SocketOptions options) {
            this.socketOptions = Objects.requireNonNull(options, "socketOptions");
            return this;
        }

        /**
         * Sets the schemes the connector accepts; a URI of another scheme is an
         * {@link IllegalArgumentException}. Defaults to {@code tcp}, {@code tls} and {@code unix},
         * all the stream schemes; {@code udp} is not a stream ({@code UdpSocket} speaks it).
         *
         * @param enabled at least one scheme
         * @return this builder
         * @throws IllegalArgumentException if empty or if it holds {@link Scheme#UDP}
         */
        public Builder schemes(Set<Scheme> enabled) {
            Objects.requireNonNull(enabled, "schemes");
            if (enabled.isEmpty()) {
                throw new IllegalArgumentException("schemes must name at least one scheme");
            }
            if (enabled.contains(Scheme.UDP)) {
                throw new IllegalArgumentException("schemes cannot include udp: a connector opens byte streams, "
                        + "and udp:// carries datagrams (use UdpSocket.connect)");
            }
            this.schemes = EnumSet.copyOf(enabled);
            return this;
        }

        /**
         * Sets what is told of every phase of a connect. Defaults to {@link ConnectListener#NONE}.
         * A {@link RuntimeException} it throws is logged and ignored; an {@link Error} ends the
         * connect at once with that {@code Error}, after everything the connect opened is closed.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(ConnectListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets whether connects by name also ask for the name's service records and race on them,
         * as Happy Eyeballs v3 (draft-ietf-happy-happyeyeballs-v3) describes: HTTPS, AAAA and A
         * are asked at once, the resolution delay also waits for the HTTPS answer, and the
         * record's endpoints go first, by priority and then by how well their ALPN ids match
         * {@link TlsOptions#applicationProtocols()}, on the record's port and target, with its
         * address hints until the target's addresses come; each attempt offers the ALPN ids its
         * endpoint supports. The name's own addresses on the URI's port come last. An AliasMode
         * record with target {@code .} fails the connect with a {@link java.net.ConnectException}.
         * Only resolvers made by {@link Resolver#dns()} can ask for these records; with another
         * resolver, or when the name has none, the race is RFC 8305's.
         *
         * <p>Defaults to {@code true}: {@code tls://} URIs on port 443 ask for HTTPS records. Other
         * ports and {@code tcp://} URIs ask only when {@link #serviceScheme(String)} names the
         * scheme. BouncyCastle's TLS has no Encrypted Client Hello: a record's {@code ech} is kept
         * ({@link ServiceEndpoint#echConfigList()}) but not used.
         *
         * @param on whether to ask for service records
         * @return this builder
         */
        public Builder serviceRecords(boolean on) {
            this.serviceRecords = on;
            return this;
        }

        /**
         * Names the application scheme spoken over this connector's connections, so that service
         * records are asked on every port and for {@code tcp://} too: {@code "https"} asks for
         * HTTPS records ({@code _8443._https.example.com} for port 8443, the name itself for
         * 443), any other scheme for SVCB records at {@code _port._scheme.host} (RFC 9460
         * section 2.3). Not set by default. Has no effect when {@link #serviceRecords(boolean)}
         * is off.
         *
         * @param scheme a URI scheme, such as {@code "https"} or {@code "dns"}
         * @return this builder
         * @throws IllegalArgumentException if the scheme is not a URI scheme (a letter, then letters,
         *     digits, {@code +}, {@code -} or {@code .})
         */
        public Builder serviceScheme(String scheme) {
            Objects.requireNonNull(scheme, "serviceScheme");
            if (!scheme.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
                throw new IllegalArgumentException("serviceScheme must be a URI scheme such as \"https\", not '" + scheme + "'");
            }
            this.serviceScheme = scheme.toLowerCase(java.util.Locale.ROOT);
            return this;
        }

        /** {@return the options} */
        public ConnectorOptions build() {
            if (resolver == null) {
                resolver = Resolver.dns();
            }
            if (tls == null) {
                tls = TlsOptions.defaults();
            }
            return new ConnectorOptions(this);
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, not " + value);
            }
            return value;
        }
    }
}
