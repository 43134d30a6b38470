package dev.shuttle.internal.dns;

import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.ArrayList;
import java.util.List;
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
 * <p>A lookup of both families is served from a third map, of merged address lists (IPv6 first),
 * made when both families are cached with at least one address and kept until the first of the
 * two expires or either is replaced: a hit is one map read and one clock read, and returns the
 * same immutable list each time.
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
    private final Map<String, Entry> ipv4 = new ConcurrentHashMap<>();
    private final Map<String, Entry> ipv6 = new ConcurrentHashMap<>();
    private final Map<String, Merged> merged = new ConcurrentHashMap<>();

    private record Entry(Answer answer, long expiresAt) {}

    private record Merged(List<InetAddress> addresses, long expiresAt) {}

    AddressCache(Ticker ticker, int capacity, Duration maxTtl, Duration negativeTtl) {
        this.ticker = ticker;
        this.capacity = capacity;
        this.maxTtlNanos = nanos(maxTtl);
        this.negativeTtlNanos = nanos(negativeTtl);
    }

    /** {@return the answer kept for the host and family, or {@code null} if none or expired} */
    Answer get(String host, StandardProtocolFamily family) {
        Map<String, Entry> map = map(family);
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

    /**
     * {@return the addresses of both families, IPv6 first, when both are cached and at least one
     * has addresses; otherwise {@code null}, and the caller looks each family up}
     */
    List<InetAddress> both(String host) {
        Merged hit = merged.get(host);
        if (hit != null) {
            if (ticker.nanos() - hit.expiresAt < 0) {
                return hit.addresses;
            }
            merged.remove(host, hit);
        }
        Entry six = ipv6.get(host);
        Entry four = ipv4.get(host);
        if (six == null || four == null) {
            return null;
        }
        List<InetAddress> sixes = addresses(six.answer);
        List<InetAddress> fours = addresses(four.answer);
        long expiresAt = six.expiresAt - four.expiresAt < 0 ? six.expiresAt : four.expiresAt;
        if (sixes == null || fours == null || (sixes.isEmpty() && fours.isEmpty()) || ticker.nanos() - expiresAt >= 0) {
            return null;
        }
        List<InetAddress> all = new ArrayList<>(sixes.size() + fours.size());
        all.addAll(sixes);
        all.addAll(fours);
        List<InetAddress> addresses = List.copyOf(all);
        if (merged.size() >= capacity) {
            merged.clear();
        }
        // A put of either family since the reads above removed no entry made from them: the
        // entries read were current, and a replaced one had expired, so this one has too.
        merged.put(host, new Merged(addresses, expiresAt));
        return addresses;
    }

    private static List<InetAddress> addresses(Answer answer) {
        return switch (answer) {
            case Answer.Found found -> found.addresses();
            case Answer.NoData noData -> List.of();
            case Answer.NoSuchName noSuchName -> null;
            case Answer.Failed failed -> null;
        };
    }

    /** Keeps an answer for as long as it may be kept; failures and zero TTLs are not kept. */
    void put(String host, StandardProtocolFamily family, Answer answer) {
        merged.remove(host);
        long ttl = switch (answer) {
            case Answer.Found found -> Math.min(nanos(found.ttl()), maxTtlNanos);
            case Answer.NoData noData -> negativeTtlNanos;
            case Answer.NoSuchName noSuchName -> negativeTtlNanos;
            case Answer.Failed failed -> 0;
        };
        if (ttl <= 0) {
            return;
        }
        Map<String, Entry> map = map(family);
        long now = ticker.nanos();
        if (map.size() >= capacity && !map.containsKey(host)) {
            makeRoom(map, now);
        }
        map.put(host, new Entry(answer, now + ttl));
    }

    /** {@return how many answers are kept for a family, expired ones included} */
    int size(StandardProtocolFamily family) {
        return map(family).size();
    }

    private Map<String, Entry> map(StandardProtocolFamily family) {
        return family == StandardProtocolFamily.INET ? ipv4 : ipv6;
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
