package dev.shuttle.internal.dns;

import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shuttle's own cache of answers, keyed by host and family, in front of dnsjava's record cache.
 *
 * <p>A hit costs two map reads and a clock read, without the {@code CompletableFuture} machinery
 * of a dnsjava lookup. It also holds the negative answers dnsjava does not cache (NXDOMAIN and
 * NODATA without an SOA record), so that a missing name is not asked about again and again.
 *
 * <p>Addresses are kept for their TTL, at most {@code maxTtl}; negative answers for
 * {@code negativeTtl}; failures not at all. When a family's map is full, expired entries are
 * dropped first, then arbitrary ones, a sixteenth of the capacity at a time.
 */
final class AddressCache {
    private final Ticker ticker;
    private final int capacity;
    private final long maxTtlNanos;
    private final long negativeTtlNanos;
    @SuppressWarnings("unchecked")
    private final Map<String, Entry>[] families = new Map[] {new ConcurrentHashMap<>(), new ConcurrentHashMap<>()};

    private record Entry(Answer answer, long expiresAt) {}

    AddressCache(Ticker ticker, int capacity, Duration maxTtl, Duration negativeTtl) {
        this.ticker = ticker;
        this.capacity = capacity;
        this.maxTtlNanos = nanos(maxTtl);
        this.negativeTtlNanos = nanos(negativeTtl);
    }

    /** {@return the answer kept for the host and family, or {@code null} if none or expired} */
    Answer get(String host, StandardProtocolFamily family) {
        Map<String, Entry> map = families[Families.index(family)];
        Entry entry = map.get(host);
        if (entry == null) {
            return null;
        }
        if (ticker.nanos() - entry.expiresAt >= 0) {
            map.remove(host, entry);
            return null;
        }
        return entry.answer;
    }

    /** Keeps an answer for as long as it may be kept; failures and zero TTLs are not kept. */
    void put(String host, StandardProtocolFamily family, Answer answer) {
        long ttl = switch (answer) {
            case Answer.Found found -> Math.min(nanos(found.ttl()), maxTtlNanos);
            case Answer.NoData noData -> negativeTtlNanos;
            case Answer.NoSuchName noSuchName -> negativeTtlNanos;
            case Answer.Failed failed -> 0;
        };
        if (ttl <= 0) {
            return;
        }
        Map<String, Entry> map = families[Families.index(family)];
        long now = ticker.nanos();
        if (map.size() >= capacity && !map.containsKey(host)) {
            makeRoom(map, now);
        }
        map.put(host, new Entry(answer, now + ttl));
    }

    /** {@return how many answers are kept for a family, expired ones included} */
    int size(StandardProtocolFamily family) {
        return families[Families.index(family)].size();
    }

    private void makeRoom(Map<String, Entry> map, long now) {
        map.values().removeIf(entry -> now - entry.expiresAt >= 0);
        int target = capacity - Math.max(1, capacity / 16);
        Iterator<Entry> entries = map.values().iterator();
        while (map.size() > target && entries.hasNext()) {
            entries.next();
            entries.remove();
        }
    }

    private static long nanos(Duration duration) {
        return duration.compareTo(Duration.ofDays(365 * 100)) > 0 ? Long.MAX_VALUE / 4 : duration.toNanos();
    }
}
