package dev.shuttle.internal.dns;

import dev.shuttle.ResolverOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.lookup.LookupSession;

/**
 * Builds the one long-lived dnsjava {@link LookupSession} of a resolver from its options, taking
 * what the options leave unset from the system's configuration ({@link SystemDnsConfig}).
 * dnsjava's {@code defaultBuilder()} is not used: it ignores the search list.
 */
final class DnsjavaSession {
    /** How many times each nameserver is asked before a lookup fails. */
    private static final int ATTEMPTS_PER_SERVER = 2;
    private static final Duration SHORTEST_ATTEMPT = Duration.ofMillis(50);

    private DnsjavaSession() {}

    /**
     * Builds the session.
     *
     * @param options the resolver's options
     * @param resolver what sends the queries: {@link #resolver(List, Duration)} but in tests
     * @param executor where dnsjava runs its continuations
     */
    static LookupSession build(ResolverOptions options, Resolver resolver, Executor executor) {
        LookupSession.LookupSessionBuilder builder = LookupSession.builder()
                .resolver(resolver)
                .cache(cache(options))
                .searchPath(searchPath(options))
                .ndots(options.ndots().orElseGet(() -> SystemDnsConfig.current().ndots()))
                .executor(executor);
        return builder.build();
    }

    /** {@return the nameservers of the options, or the system's when none are given} */
    static List<InetSocketAddress> servers(ResolverOptions options) {
        if (options.nameservers().isEmpty()) {
            return SystemDnsConfig.current().servers();
        }
        return options.nameservers().stream().map(Nameservers::parse).toList();
    }

    /**
     * Each server is asked up to twice in turn, every attempt getting an equal share of the
     * timeout, so that a lost packet or a dead first server still leaves time for another try.
     * The caller enforces the timeout itself: dnsjava checks its own about once a second.
     */
    static ExtendedResolver resolver(List<InetSocketAddress> servers, Duration timeout) {
        List<SimpleResolver> simple = servers.stream().map(SimpleResolver::new).toList();
        ExtendedResolver resolver = new ExtendedResolver(new ArrayList<>(simple));
        resolver.setRetries(ATTEMPTS_PER_SERVER);
        resolver.setTimeout(timeout);
        Duration attempt = timeout.dividedBy((long) ATTEMPTS_PER_SERVER * Math.max(1, servers.size()));
        for (SimpleResolver server : simple) {
            server.setTimeout(attempt.compareTo(SHORTEST_ATTEMPT) < 0 ? SHORTEST_ATTEMPT : attempt);
        }
        return resolver;
    }

    private static Cache cache(ResolverOptions options) {
        Cache cache = new Cache(DClass.IN);
        cache.setMaxEntries(options.cacheSize());
        cache.setMaxCache(seconds(options.maxTtl()));
        cache.setMaxNCache(seconds(options.negativeTtl()));
        return cache;
    }

    private static List<Name> searchPath(ResolverOptions options) {
        if (options.searchDomains().isEmpty()) {
            return SystemDnsConfig.current().searchPath();
        }
        List<Name> names = new ArrayList<>();
        for (String domain : options.searchDomains().get()) {
            try {
                names.add(Name.fromString(domain, Name.root));
            } catch (TextParseException e) {
                throw new IllegalArgumentException("searchDomains: '" + domain + "' is not a DNS name: " + e.getMessage(), e);
            }
        }
        return names;
    }

    /** Whole seconds, rounded down so that nothing is kept longer than configured. */
    private static int seconds(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toSeconds());
    }
}
