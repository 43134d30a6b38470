package dev.shuttle.internal.dns;

import dev.shuttle.Resolver;
import dev.shuttle.ResolverOptions;
import dev.shuttle.internal.io.Timeouts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The DNS resolver: a cache of answers per host and family in front of a {@link NameLookup}
 * (dnsjava), one query in flight per host and family however many callers wait for it, and a
 * timeout each caller enforces itself.
 *
 * <p>A lookup reads the cache first, before even checking the host: a cached host was checked
 * when it was first looked up. On a miss it checks the host (literals and {@code localhost} are
 * answered here), joins or starts the query and waits for it until its own deadline. The answer
 * fills the cache when it arrives, also after the caller that asked has given up.
 */
public final class DnsResolver implements Resolver, ImmediateAnswers, ServiceRecordLookup {
    private static final ReentrantLock SHARED_LOCK = new ReentrantLock();
    private static volatile Resolver shared;

    private final NameLookup lookup;
    private final AddressCache cache;
    private final Ticker ticker;
    private final LookupObserver observer;
    private final Duration timeout;
    private final ServiceRecordResolver services;
    private final Map<String, CompletableFuture<Answer>> ipv4InFlight = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Answer>> ipv6InFlight = new ConcurrentHashMap<>();

    DnsResolver(NameLookup lookup, ResolverOptions options, Ticker ticker, LookupObserver observer) {
        this.lookup = lookup;
        this.cache = new AddressCache(ticker, options.cacheSize(), options.maxTtl(), options.negativeTtl());
        this.ticker = ticker;
        this.observer = observer;
        this.timeout = options.timeout();
        this.services = new ServiceRecordResolver(lookup::askRecords, ticker, options.timeout(), options.negativeTtl(),
                options.maxTtl(), options.cacheSize());
    }

    /**
     * Creates a resolver on dnsjava.
     *
     * @param options its options
     * @return the resolver
     */
    public static Resolver create(ResolverOptions options) {
        Objects.requireNonNull(options, "options");
        return new DnsResolver(DnsjavaLookup.create(options), options, Ticker.SYSTEM, LookupObserver.NONE);
    }

    /**
     * {@return the resolver with the default options shared by the process, created on first use}
     * Created under a lock rather than in a class initializer, where reading the system's
     * configuration would pin a virtual thread.
     */
    public static Resolver shared() {
        Resolver resolver = shared;
        if (resolver == null) {
            SHARED_LOCK.lock();
            try {
                resolver = shared;
                if (resolver == null) {
                    resolver = create(ResolverOptions.defaults());
                    shared = resolver;
                    dev.shuttle.internal.spi.ResolverHook.warnIfShadowed();
                }
            } finally {
                SHARED_LOCK.unlock();
            }
        }
        return resolver;
    }

    @Override
    public List<InetAddress> lookup(String host, StandardProtocolFamily family) throws IOException {
        Objects.requireNonNull(host, "host");
        Families.check(family);
        Answer cached = cache.get(host, family);
        if (cached != null) {
            return addresses(host, family, cached, true);
        }
        QueryName query = QueryName.of(host);
        if (query.isLocal()) {
            return query.local(family);
        }
        long deadline = Timeouts.deadline(ticker.nanos(), timeout);
        Pending pending = pending(query.name(), family);
        return addresses(host, family, await(host, family, pending, deadline), pending.cached());
    }

    @Override
    public List<InetAddress> answerAtOnce(String host, StandardProtocolFamily family) {
        try {
            Answer cached = cache.get(host, family);
            if (cached != null) {
                return addresses(host, family, cached, true);
            }
            QueryName query = QueryName.of(host);
            return query.isLocal() ? query.local(family) : null;
        } catch (UnknownHostException | RuntimeException e) {
            return null; // a failure: the lookup reports it, with its whole message
        }
    }

    @Override
    public List<InetAddress> lookup(String host) throws IOException {
        Objects.requireNonNull(host, "host");
        List<InetAddress> both = cache.both(host);
        if (both != null) {
            return both;
        }
        Answer cached6 = cache.get(host, StandardProtocolFamily.INET6);
        Answer cached4 = cache.get(host, StandardProtocolFamily.INET);
        if (cached6 != null && cached4 != null) {
            return BothFamilies.combine(host, outcome(host, StandardProtocolFamily.INET6, cached6, true),
                    outcome(host, StandardProtocolFamily.INET, cached4, true));
        }
        QueryName query = QueryName.of(host);
        if (query.isLocal()) {
            return query.local();
        }
        long deadline = Timeouts.deadline(ticker.nanos(), timeout);
        Pending ipv6 = pending(query.name(), StandardProtocolFamily.INET6);
        Pending ipv4 = pending(query.name(), StandardProtocolFamily.INET);
        BothFamilies.Outcome six = outcome(host, StandardProtocolFamily.INET6, ipv6, deadline);
        BothFamilies.Outcome four = outcome(host, StandardProtocolFamily.INET, ipv4, deadline);
        return BothFamilies.combine(host, six, four);
    }

    /** An answer to wait for: from the cache, or from a query. */
    private record Pending(CompletableFuture<Answer> answer, boolean cached) {}

    private Pending pending(String name, StandardProtocolFamily family) {
        Answer cached = cache.get(name, family);
        return cached != null ? new Pending(CompletableFuture.completedFuture(cached), true) : new Pending(ask(name, family), false);
    }

    /** Joins the query in flight for the name and family, or sends one. */
    private CompletableFuture<Answer> ask(String name, StandardProtocolFamily family) {
        Map<String, CompletableFuture<Answer>> queries = family == StandardProtocolFamily.INET ? ipv4InFlight : ipv6InFlight;
        CompletableFuture<Answer> mine = new CompletableFuture<>();
        CompletableFuture<Answer> running = queries.putIfAbsent(name, mine);
        if (running != null) {
            return running;
        }
        long sent = ticker.nanos();
        observer.querySent(name, family);
        CompletableFuture<Answer> query;
        try {
            query = lookup.ask(name, family);
        } catch (RuntimeException e) {
            query = CompletableFuture.completedFuture(new Answer.Failed("the lookup could not start: " + e, false, e));
        }
        query.whenComplete((answer, failure) -> {
            Answer result = failure == null ? answer : new Answer.Failed("the lookup failed: " + failure, false, failure);
            try {
                cache.put(name, family, result);
                observer.answerReceived(name, family, result, ticker.nanos() - sent);
            } finally {
                // Whatever an observer does, the waiting callers get the answer and the next query can start.
                queries.remove(name, mine);
                mine.complete(result);
            }
        });
        return mine;
    }

    private Answer await(String host, StandardProtocolFamily family, Pending pending, long deadline) throws IOException {
        try {
            return pending.answer().get(Math.max(0, deadline - ticker.nanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw LookupFailures.timedOut(host, family, lookup.servers(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LookupFailures.interrupted(host, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("an answer future failed, which it never should", e.getCause());
        }
    }

    private List<InetAddress> addresses(String host, StandardProtocolFamily family, Answer answer, boolean cached)
            throws UnknownHostException {
        return LookupFailures.addresses(host, family, answer, cached, lookup.servers(), timeout);
    }

    private BothFamilies.Outcome outcome(String host, StandardProtocolFamily family, Answer answer, boolean cached) {
        try {
            return BothFamilies.Outcome.of(addresses(host, family, answer, cached));
        } catch (UnknownHostException e) {
            return BothFamilies.Outcome.of(e);
        }
    }

    private BothFamilies.Outcome outcome(String host, StandardProtocolFamily family, Pending pending, long deadline)
            throws IOException {
        try {
            return outcome(host, family, await(host, family, pending, deadline), pending.cached());
        } catch (UnknownHostException e) {
            return BothFamilies.Outcome.of(e);
        }
    }

    @Override
    public ServiceAnswerFound services(String name, int type) throws IOException {
        return services.services(name, type);
    }

    @Override
    public ServiceAnswerFound servicesAtOnce(String name, int type) {
        return services.servicesAtOnce(name, type);
    }

    @Override
    public String toString() {
        return "DnsResolver[" + lookup.servers() + ", timeout " + LookupFailures.format(timeout) + "]";
    }
}
