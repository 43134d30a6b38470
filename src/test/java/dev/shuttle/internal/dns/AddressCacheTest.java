package dev.shuttle.internal.dns;

import static dev.shuttle.internal.dns.FakeLookup.found;
import static java.net.StandardProtocolFamily.INET;
import static java.net.StandardProtocolFamily.INET6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The front cache: exact expiry on the fake clock, and a bounded size. */
class AddressCacheTest {
    private final FakeTicker ticker = new FakeTicker();

    private AddressCache cache(int capacity) {
        return new AddressCache(ticker, capacity, Duration.ofDays(1), Duration.ofSeconds(30));
    }

    @Test
    void anAnswerExpiresExactlyAtItsTtl() {
        AddressCache cache = cache(10);
        cache.put("api.test", INET, found(Duration.ofSeconds(10), "192.0.2.1"));

        ticker.advance(Duration.ofSeconds(10).minusNanos(1));
        assertNotNull(cache.get("api.test", INET));
        ticker.advance(Duration.ofNanos(1));
        assertNull(cache.get("api.test", INET));
    }

    @Test
    void familiesAreKeptApart() {
        AddressCache cache = cache(10);
        cache.put("api.test", INET, found(Duration.ofSeconds(10), "192.0.2.1"));

        assertNull(cache.get("api.test", INET6));
    }

    @Test
    void aFullCacheDropsExpiredAnswersFirst() {
        AddressCache cache = cache(4);
        cache.put("old-1.test", INET, found(Duration.ofSeconds(1), "192.0.2.1"));
        cache.put("old-2.test", INET, found(Duration.ofSeconds(1), "192.0.2.2"));
        cache.put("new-1.test", INET, found(Duration.ofSeconds(100), "192.0.2.3"));
        cache.put("new-2.test", INET, found(Duration.ofSeconds(100), "192.0.2.4"));
        ticker.advance(Duration.ofSeconds(2));

        cache.put("new-3.test", INET, found(Duration.ofSeconds(100), "192.0.2.5"));

        assertEquals(3, cache.size(INET));
        assertNotNull(cache.get("new-1.test", INET));
        assertNotNull(cache.get("new-2.test", INET));
        assertNotNull(cache.get("new-3.test", INET));
    }

    @Test
    void aFullCacheStaysWithinItsCapacity() {
        AddressCache cache = cache(32);
        for (int i = 0; i < 1000; i++) {
            cache.put("host-" + i + ".test", INET, found(Duration.ofSeconds(100), "192.0.2.1"));
            assertTrue(cache.size(INET) <= 32, "size " + cache.size(INET));
        }
        assertNotNull(cache.get("host-999.test", INET));
    }

    @Test
    void failuresAreNeverKept() {
        AddressCache cache = cache(10);
        cache.put("broken.test", INET, new Answer.Failed("SERVFAIL", false, null));

        assertNull(cache.get("broken.test", INET));
    }

    @Test
    void bothFamiliesMergeIpv6FirstUntilTheEarlierTtl() {
        AddressCache cache = cache(10);
        cache.put("api.test", INET, found(Duration.ofSeconds(10), "192.0.2.1"));
        assertNull(cache.both("api.test"), "only one family cached");
        cache.put("api.test", INET6, found(Duration.ofSeconds(5), "2001:db8::1"));

        assertEquals("[/2001:db8:0:0:0:0:0:1, /192.0.2.1]", cache.both("api.test").toString());
        assertTrue(cache.both("api.test") == cache.both("api.test"), "a hit returns the merged list");
        ticker.advance(Duration.ofSeconds(5));
        assertNull(cache.both("api.test"));
    }

    @Test
    void bothFamiliesFollowAReplacedAnswer() {
        AddressCache cache = cache(10);
        cache.put("api.test", INET, found(Duration.ofSeconds(10), "192.0.2.1"));
        cache.put("api.test", INET6, new Answer.NoData());
        assertEquals("[/192.0.2.1]", cache.both("api.test").toString());

        cache.put("api.test", INET, found(Duration.ofSeconds(10), "192.0.2.2"));
        assertEquals("[/192.0.2.2]", cache.both("api.test").toString());
    }

    @Test
    void bothFamiliesWithoutAnyAddressAreLeftToTheCaller() {
        AddressCache cache = cache(10);
        cache.put("empty.test", INET, new Answer.NoData());
        cache.put("empty.test", INET6, new Answer.NoData());
        cache.put("nx.test", INET, new Answer.NoSuchName());
        cache.put("nx.test", INET6, new Answer.NoSuchName());

        assertNull(cache.both("empty.test"));
        assertNull(cache.both("nx.test"));
    }
}
