package dev.shuttle.internal.dns;

import dev.shuttle.ServiceEndpoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SVCBBase;
import org.xbill.DNS.TextParseException;

/**
 * Looks up HTTPS and SVCB records: follows AliasMode records (at most {@value #MAX_ALIASES}, never
 * a name twice), keeps the usable ServiceMode records ({@link ServiceRecordParser}) ordered by
 * priority, and caches each answer for the smallest TTL of the records that made it, or for the
 * negative TTL when there were none. Failures are not cached.
 */
final class ServiceRecordResolver implements ServiceRecordLookup {
    /** The longest chain of AliasMode records followed, as resolvers bound CNAME chains. */
    static final int MAX_ALIASES = 8;

    /** Sends one query: the records of the type at the name, empty when there are none. */
    @FunctionalInterface
    interface RecordSource {
        CompletableFuture<List<Record>> ask(String name, int type);
    }

    private record Cached(ServiceAnswerFound answer, long expiresAt) {}

    private final RecordSource source;
    private final Ticker ticker;
    private final Duration timeout;
    private final Duration negativeTtl;
    private final Duration maxTtl;
    private final int cacheSize;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    ServiceRecordResolver(RecordSource source, Ticker ticker, Duration timeout, Duration negativeTtl, Duration maxTtl,
            int cacheSize) {
        this.source = source;
        this.ticker = ticker;
        this.timeout = timeout;
        this.negativeTtl = negativeTtl;
        this.maxTtl = maxTtl;
        this.cacheSize = cacheSize;
    }

    @Override
    public ServiceAnswerFound servicesAtOnce(String name, int type) {
        Cached cached = cache.get(key(name, type));
        if (cached == null) {
            return null;
        }
        if (ticker.nanos() - cached.expiresAt() >= 0) {
            cache.remove(key(name, type), cached);
            return null;
        }
        return cached.answer();
    }

    @Override
    public ServiceAnswerFound services(String name, int type) throws IOException {
        ServiceAnswerFound cached = servicesAtOnce(name, type);
        if (cached != null) {
            return cached;
        }
        long deadline = ticker.nanos() + timeout.toNanos();
        String asked = canonical(name);
        Set<String> seen = new HashSet<>();
        long ttl = Long.MAX_VALUE;
        for (int aliases = 0; ; aliases++) {
            if (!seen.add(asked)) {
                throw new UnknownHostException("The " + typeName(type) + " records of " + name
                        + " form an AliasMode loop through " + asked);
            }
            List<SVCBBase> records = await(name, asked, type, deadline);
            if (records.isEmpty()) {
                if (aliases == 0) {
                    return put(name, type, ServiceAnswerFound.NONE, negativeTtl.toSeconds());
                }
                // RFC 9460 section 3: the chain ended without ServiceMode records; the last target's
                // addresses serve, on the URI's port, with no parameters.
                ServiceEndpoint last = new ServiceEndpoint(1, asked, java.util.OptionalInt.empty(), List.of(), true,
                        List.of(), null);
                return put(name, type, new ServiceAnswerFound(List.of(last), null), ttl);
            }
            for (SVCBBase record : records) {
                ttl = Math.min(ttl, record.getTTL());
            }
            SVCBBase alias = records.stream().filter(r -> r.getSvcPriority() == 0).findFirst().orElse(null);
            if (alias == null) {
                List<ServiceEndpoint> endpoints = new ArrayList<>();
                records.stream().sorted(Comparator.comparingInt(SVCBBase::getSvcPriority))
                        .forEach(record -> ServiceRecordParser.endpoint(record).ifPresent(endpoints::add));
                return put(name, type, new ServiceAnswerFound(endpoints, null), ttl);
            }
            if (alias.getTargetName().equals(Name.root)) {
                return put(name, type, new ServiceAnswerFound(List.of(), "its " + typeName(type)
                        + " record says the service is not available (AliasMode with target \".\")"), ttl);
            }
            if (aliases == MAX_ALIASES) {
                throw new UnknownHostException("The " + typeName(type) + " records of " + name + " hold more than "
                        + MAX_ALIASES + " AliasMode records in a chain");
            }
            asked = alias.getTargetName().toString(true).toLowerCase(java.util.Locale.ROOT);
        }
    }

    private ServiceAnswerFound put(String name, int type, ServiceAnswerFound answer, long ttlSeconds) {
        long seconds = Math.min(ttlSeconds, maxTtl.toSeconds());
        if (seconds > 0) {
            if (cache.size() >= cacheSize) {
                cache.clear(); // crude but bounded: service answers are few next to addresses
            }
            cache.put(key(name, type), new Cached(answer, ticker.nanos() + TimeUnit.SECONDS.toNanos(seconds)));
        }
        return answer;
    }

    private List<SVCBBase> await(String name, String asked, int type, long deadline) throws IOException {
        CompletableFuture<List<Record>> answer = source.ask(asked, type);
        List<Record> records;
        try {
            records = answer.get(Math.max(0, deadline - ticker.nanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while looking up the " + typeName(type) + " records of " + name);
        } catch (TimeoutException e) {
            throw new java.net.SocketTimeoutException("No answer to the " + typeName(type) + " query for " + asked
                    + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            UnknownHostException failed = new UnknownHostException("The " + typeName(type) + " lookup of " + asked
                    + " failed: " + e.getCause().getMessage());
            failed.initCause(e.getCause());
            throw failed;
        }
        List<SVCBBase> usable = new ArrayList<>();
        for (Record record : records) {
            if (record instanceof SVCBBase svcb && record.getType() == type) {
                usable.add(svcb);
            }
        }
        return usable;
    }

    private static String canonical(String name) {
        try {
            return Name.fromString(name, Name.root).toString(true).toLowerCase(java.util.Locale.ROOT);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a DNS name: " + e.getMessage(), e);
        }
    }

    private static String key(String name, int type) {
        return type + " " + name;
    }

    static String typeName(int type) {
        return type == HTTPS ? "HTTPS" : "SVCB";
    }
}
