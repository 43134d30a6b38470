package dev.shuttle;

import dev.shuttle.internal.dns.Nameservers;
import dev.shuttle.internal.dns.SearchDomains;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Options of a DNS {@link Resolver}: where to ask, how long to wait, how long to remember.
 *
 * <p>Immutable; build with {@link #builder()} or vary with {@link #toBuilder()}. Builders are not
 * thread-safe. Options left unset follow the system's configuration, read by dnsjava from
 * {@code /etc/resolv.conf} (or its equivalent) when the resolver is created.
 *
 * {@snippet :
 * ResolverOptions options = ResolverOptions.builder()
 *         .nameservers(List.of("127.0.0.1:5353"))
 *         .timeout(Duration.ofMillis(500))
 *         .build();
 * Resolver resolver = Resolver.dns(options);
 * }
 */
public final class ResolverOptions {
    private static final ResolverOptions DEFAULTS = builder().build();

    private final List<String> nameservers;
    private final Duration timeout;
    private final int cacheSize;
    private final Duration negativeTtl;
    private final Duration maxTtl;
    private final boolean useHostsFile;
    private final Path hostsFile;
    private final List<String> searchDomains;
    private final int ndots;

    private ResolverOptions(Builder builder, List<String> searchDomains) {
        this.nameservers = List.copyOf(builder.nameservers);
        this.timeout = builder.timeout;
        this.cacheSize = builder.cacheSize;
        this.negativeTtl = builder.negativeTtl;
        this.maxTtl = builder.maxTtl;
        this.useHostsFile = builder.useHostsFile;
        this.hostsFile = builder.hostsFile;
        this.searchDomains = searchDomains;
        this.ndots = builder.ndots == null ? -1 : builder.ndots;
    }

    /** {@return the defaults: the system's nameservers and search rules, the hosts file first, a 5 s timeout} */
    public static ResolverOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.nameservers = nameservers;
        builder.timeout = timeout;
        builder.cacheSize = cacheSize;
        builder.negativeTtl = negativeTtl;
        builder.maxTtl = maxTtl;
        builder.useHostsFile = useHostsFile;
        builder.hostsFile = hostsFile;
        builder.searchDomains = searchDomains;
        builder.ndots = ndots < 0 ? null : ndots;
        return builder;
    }

    /** {@return the nameservers asked, as given ({@code "8.8.8.8"}, {@code "[::1]:53"}); empty for the system's} */
    public List<String> nameservers() {
        return nameservers;
    }

    /** {@return how long one lookup may take before it fails} */
    public Duration timeout() {
        return timeout;
    }

    /** {@return how many answers the cache keeps per address family} */
    public int cacheSize() {
        return cacheSize;
    }

    /** {@return how long a negative answer (no such name, no records of a family) is remembered} */
    public Duration negativeTtl() {
        return negativeTtl;
    }

    /** {@return the longest time an answer is remembered, whatever its TTL says} */
    public Duration maxTtl() {
        return maxTtl;
    }

    /** {@return whether the hosts file is consulted before DNS} */
    public boolean useHostsFile() {
        return useHostsFile;
    }

    /** {@return the hosts file read, if not the system's} */
    public Optional<Path> hostsFile() {
        return Optional.ofNullable(hostsFile);
    }

    /** {@return the search domains, lower case without a trailing dot; empty when the system's apply} */
    public Optional<List<String>> searchDomains() {
        return Optional.ofNullable(searchDomains);
    }

    /** {@return the ndots threshold; empty when the system's applies} */
    public OptionalInt ndots() {
        return ndots < 0 ? OptionalInt.empty() : OptionalInt.of(ndots);
    }

    /** Compares all options. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ResolverOptions o && o.nameservers.equals(nameservers) && o.timeout.equals(timeout)
                && o.cacheSize == cacheSize && o.negativeTtl.equals(negativeTtl) && o.maxTtl.equals(maxTtl)
                && o.useHostsFile == useHostsFile && Objects.equals(o.hostsFile, hostsFile)
                && Objects.equals(o.searchDomains, searchDomains) && o.ndots == ndots;
    }

    @Override
    public int hashCode() {
        return Objects.hash(nameservers, timeout, cacheSize, negativeTtl, maxTtl, useHostsFile, hostsFile,
                searchDomains, ndots);
    }

    @Override
    public String toString() {
        return "ResolverOptions[nameservers=" + (nameservers.isEmpty() ? "system" : nameservers)
                + ", timeout=" + timeout + ", cacheSize=" + cacheSize + ", negativeTtl=" + negativeTtl
                + ", maxTtl=" + maxTtl + ", useHostsFile=" + useHostsFile
                + ", hostsFile=" + (hostsFile == null ? "system" : hostsFile)
                + ", searchDomains=" + (searchDomains == null ? "system" : searchDomains)
                + ", ndots=" + (ndots < 0 ? "system" : ndots) + "]";
    }

    /** Builds {@link ResolverOptions}; checks every value in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private List<String> nameservers = List.of();
        private Duration timeout = Duration.ofSeconds(5);
        private int cacheSize = 10_000;
        private Duration negativeTtl = Duration.ofSeconds(30);
        private Duration maxTtl = Duration.ofDays(1);
        private boolean useHostsFile = true;
        private Path hostsFile;
        private List<String> searchDomains;
        private Integer ndots;

        private Builder() {}

        /**
         * Sets the nameservers, asked in this order, each tried again once before the lookup
         * fails. An entry is an IP address with an optional port: {@code "8.8.8.8"},
         * {@code "127.0.0.1:5353"}, {@code "::1"}, {@code "[::1]:53"}; the port defaults to 53.
         * Defaults to an empty list: the system's nameservers.
         *
         * @param servers the nameservers, or an empty list for the system's
         * @return this builder
         */
        public Builder nameservers(List<String> servers) {
            this.nameservers = List.copyOf(Objects.requireNonNull(servers, "nameservers"));
            return this;
        }

        /**
         * Sets how long one lookup may take, all nameservers and search domains included, before
         * it fails with an {@link java.net.UnknownHostException}. Defaults to 5 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Sets how many answers the cache keeps per address family; when it is full, expired
         * answers go first, then arbitrary ones. dnsjava's record cache underneath keeps as many
         * names. Defaults to 10,000.
         *
         * @param entries at least 1
         * @return this builder
         */
        public Builder cacheSize(int entries) {
            this.cacheSize = entries;
            return this;
        }

        /**
         * Sets how long a negative answer is remembered: a name that does not exist (NXDOMAIN) or
         * has no record of the family asked (NODATA), whether or not the answer carried an SOA
         * record. Zero turns negative caching off. Defaults to 30 seconds.
         *
         * @param ttl zero or positive
         * @return this builder
         */
        public Builder negativeTtl(Duration ttl) {
            this.negativeTtl = Objects.requireNonNull(ttl, "negativeTtl");
            return this;
        }

        /**
         * Sets the longest time an address is remembered: a record's TTL above it is cut down to
         * it. Zero turns caching of addresses off. Defaults to one day.
         *
         * @param ttl zero or positive
         * @return this builder
         */
        public Builder maxTtl(Duration ttl) {
            this.maxTtl = Objects.requireNonNull(ttl, "maxTtl");
            return this;
        }

        /**
         * Sets whether the hosts file is consulted before DNS. It is read as the C library reads
         * it: lines and words that cannot be used are ignored, a name matches as looked up (no
         * search domains), and the first line naming a host gives its one address per family.
         * Hosts-file answers are never cached; the file is read again within 5 seconds of a
         * change. Defaults to {@code true}.
         *
         * @param use whether to read the hosts file
         * @return this builder
         */
        public Builder useHostsFile(boolean use) {
            this.useHostsFile = use;
            return this;
        }

        /**
         * Sets the hosts file to read when {@link #useHostsFile(boolean)} is on. Defaults to the
         * system's ({@code /etc/hosts}, or the Windows equivalent).
         *
         * @param file the file
         * @return this builder
         */
        public Builder hostsFile(Path file) {
            this.hostsFile = Objects.requireNonNull(file, "hostsFile");
            return this;
        }

        /**
         * Sets the domains appended to a name with fewer dots than {@link #ndots(int)}, tried in
         * order ({@code resolv.conf}'s {@code search}). A name ending in a dot is never extended.
         * An empty list turns searching off. Defaults to the system's search list.
         *
         * @param domains hostnames such as {@code "example.com"}
         * @return this builder
         */
        public Builder searchDomains(List<String> domains) {
            this.searchDomains = List.copyOf(Objects.requireNonNull(domains, "searchDomains"));
            return this;
        }

        /**
         * Sets how many dots a name needs to be tried as it is before the search domains
         * ({@code resolv.conf}'s {@code options ndots:n}). Defaults to the system's value, which
         * is 1 unless configured.
         *
         * @param dots 0 to 15
         * @return this builder
         */
        public Builder ndots(int dots) {
            this.ndots = dots;
            return this;
        }

        /**
         * Checks the options and builds them.
         *
         * @return the options
         * @throws IllegalArgumentException naming the option and its bad value: a nameserver that
         *     is not an IP address with an optional port 1-65535, a timeout that is not positive, a
         *     cache size below 1, a negative TTL, a search domain that is not a hostname, ndots
         *     outside 0-15
         */
        public ResolverOptions build() {
            for (String server : nameservers) {
                Nameservers.parse(server);
            }
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive, not " + timeout);
            }
            if (cacheSize < 1) {
                throw new IllegalArgumentException("cacheSize must be at least 1, not " + cacheSize);
            }
            if (negativeTtl.isNegative()) {
                throw new IllegalArgumentException("negativeTtl must be zero (off) or positive, not " + negativeTtl);
            }
            if (maxTtl.isNegative()) {
                throw new IllegalArgumentException("maxTtl must be zero (no caching) or positive, not " + maxTtl);
            }
            if (ndots != null && (ndots < 0 || ndots > 15)) {
                throw new IllegalArgumentException("ndots must be between 0 and 15, not " + ndots);
            }
            return new ResolverOptions(this, searchDomains == null ? null : SearchDomains.normalise(searchDomains));
        }
    }
}
