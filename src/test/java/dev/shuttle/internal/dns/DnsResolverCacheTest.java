package dev.shuttle.internal.dns;

import static dev.shuttle.internal.dns.FakeLookup.address;
import static dev.shuttle.internal.dns.FakeLookup.found;
import static java.net.StandardProtocolFamily.INET;
import static java.net.StandardProtocolFamily.INET6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ResolverOptions;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Positive and negative caching, driven by a fake clock: no test waits for anything to expire. */
class DnsResolverCacheTest {
    private final FakeTicker ticker = new FakeTicker();
    private final FakeLookup dns = new FakeLookup();

    private DnsResolver resolver(ResolverOptions.Builder options) {
        return new DnsResolver(dns, options.build(), ticker, LookupObserver.NONE);
    }

    private DnsResolver resolver() {
        return resolver(ResolverOptions.builder());
    }

    @Test
    void addressesAreServedFromTheCacheUntilTheirTtlPasses() throws Exception {
        dns.answer("api.test", INET, found(Duration.ofSeconds(60), "192.0.2.1", "192.0.2.2"));
        DnsResolver resolver = resolver();

        assertEquals(List.of(address("192.0.2.1"), address("192.0.2.2")), resolver.lookup("api.test", INET));
        ticker.advance(Duration.ofSeconds(59));
        assertEquals(List.of(address("192.0.2.1"), address("192.0.2.2")), resolver.lookup("api.test", INET));
        assertEquals(1, dns.queries().size());

        ticker.advance(Duration.ofSeconds(1));
        resolver.lookup("api.test", INET);
        assertEquals(2, dns.queries().size());
    }

    @Test
    void maxTtlShortensALongTtl() throws Exception {
        dns.answer("api.test", INET, found(Duration.ofDays(7), "192.0.2.1"));
        DnsResolver resolver = resolver(ResolverOptions.builder().maxTtl(Duration.ofSeconds(10)));

        resolver.lookup("api.test", INET);
        ticker.advance(Duration.ofSeconds(9));
        resolver.lookup("api.test", INET);
        assertEquals(1, dns.queries().size());
        ticker.advance(Duration.ofSeconds(1));
        resolver.lookup("api.test", INET);
        assertEquals(2, dns.queries().size());
    }

    @Test
    void answersWithZeroTtlAreNotCached() throws Exception {
        dns.answer("hosts-file.test", INET, found(Duration.ZERO, "192.0.2.1"));
        DnsResolver resolver = resolver();

        resolver.lookup("hosts-file.test", INET);
        resolver.lookup("hosts-file.test", INET);
        assertEquals(2, dns.queries().size());
    }

    @Test
    void nxdomainIsCachedForTheNegativeTtl() throws Exception {
        dns.answer("gone.test", INET, new Answer.NoSuchName());
        DnsResolver resolver = resolver(ResolverOptions.builder().negativeTtl(Duration.ofSeconds(30)));

        UnknownHostException first = assertThrows(UnknownHostException.class, () -> resolver.lookup("gone.test", INET));
        assertEquals("Cannot resolve gone.test: no such name (NXDOMAIN)", first.getMessage());
        ticker.advance(Duration.ofSeconds(29));
        UnknownHostException cached = assertThrows(UnknownHostException.class, () -> resolver.lookup("gone.test", INET));
        assertEquals("Cannot resolve gone.test: no such name (NXDOMAIN, cached)", cached.getMessage());
        assertEquals(1, dns.queries().size());

        ticker.advance(Duration.ofSeconds(1));
        dns.answer("gone.test", INET, found(Duration.ofSeconds(60), "192.0.2.9"));
        assertEquals(List.of(address("192.0.2.9")), resolver.lookup("gone.test", INET));
        assertEquals(2, dns.queries().size());
    }

    @Test
    void nodataAnswersAnEmptyListAndIsCachedNegatively() throws Exception {
        dns.answer("v4-only.test", INET6, new Answer.NoData());
        DnsResolver resolver = resolver(ResolverOptions.builder().negativeTtl(Duration.ofSeconds(30)));

        assertEquals(List.of(), resolver.lookup("v4-only.test", INET6));
        ticker.advance(Duration.ofSeconds(29));
        assertEquals(List.of(), resolver.lookup("v4-only.test", INET6));
        assertEquals(1, dns.queries().size());

        ticker.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), resolver.lookup("v4-only.test", INET6));
        assertEquals(2, dns.queries().size());
    }

    @Test
    void zeroNegativeTtlTurnsNegativeCachingOff() throws Exception {
        dns.answer("gone.test", INET, new Answer.NoSuchName());
        DnsResolver resolver = resolver(ResolverOptions.builder().negativeTtl(Duration.ZERO));

        assertThrows(UnknownHostException.class, () -> resolver.lookup("gone.test", INET));
        assertThrows(UnknownHostException.class, () -> resolver.lookup("gone.test", INET));
        assertEquals(2, dns.queries().size());
    }

    @Test
    void failuresAreNotCached() throws Exception {
        dns.answer("broken.test", INET, new Answer.Failed(FakeLookup.SERVERS + " failed to answer the A query (SERVFAIL)", false, null));
        DnsResolver resolver = resolver();

        UnknownHostException failure = assertThrows(UnknownHostException.class, () -> resolver.lookup("broken.test", INET));
        assertEquals("Cannot resolve broken.test: DNS server 192.0.2.53:53 failed to answer the A query (SERVFAIL)",
                failure.getMessage());
        assertThrows(UnknownHostException.class, () -> resolver.lookup("broken.test", INET));
        assertEquals(2, dns.queries().size());
    }

    @Test
    void theHostIsAskedAndCachedInCanonicalForm() throws Exception {
        dns.answer("api.test", INET, found(Duration.ofSeconds(60), "192.0.2.1"));
        DnsResolver resolver = resolver();

        resolver.lookup("API.Test", INET);
        resolver.lookup("api.test", INET);
        assertEquals(List.of("api.test/A"), dns.queries());
    }

    @Test
    void bothFamiliesAreCachedSeparately() throws Exception {
        dns.answer("dual.test", INET, found(Duration.ofSeconds(10), "192.0.2.1"));
        dns.answer("dual.test", INET6, found(Duration.ofSeconds(100), "2001:db8::1"));
        DnsResolver resolver = resolver();

        assertEquals(List.of(address("2001:db8::1"), address("192.0.2.1")), resolver.lookup("dual.test"));
        ticker.advance(Duration.ofSeconds(10));
        resolver.lookup("dual.test");
        assertEquals(List.of("dual.test/AAAA", "dual.test/A", "dual.test/A"), dns.queries());
        assertTrue(resolver.lookup("dual.test", INET6).contains(address("2001:db8::1")));
    }

    @Test
    void answerAtOnceGivesWhatTheCacheHoldsAndAsksNothing() throws Exception {
        dns.answer("api.test", INET, found(Duration.ofSeconds(60), "192.0.2.1"));
        dns.answer("gone.test", INET, new Answer.NoSuchName());
        DnsResolver resolver = resolver();

        assertEquals(null, resolver.answerAtOnce("api.test", INET), "nothing cached yet: only a lookup can tell");
        resolver.lookup("api.test", INET);
        assertEquals(List.of(address("192.0.2.1")), resolver.answerAtOnce("api.test", INET));
        assertEquals(null, resolver.answerAtOnce("api.test", INET6), "the other family is not cached");
        assertThrows(UnknownHostException.class, () -> resolver.lookup("gone.test", INET));
        assertEquals(null, resolver.answerAtOnce("gone.test", INET), "a failure is left to the lookup, which words it");
        ticker.advance(Duration.ofSeconds(60));
        assertEquals(null, resolver.answerAtOnce("api.test", INET), "expired");
        assertEquals(2, dns.queries().size(), "answerAtOnce never sends a query");
    }

    @Test
    void answerAtOnceKnowsLocalhostAndLiteralsAndLeavesBadNamesToTheLookup() {
        DnsResolver resolver = resolver();
        assertEquals(List.of(address("::1")), resolver.answerAtOnce("localhost", INET6));
        assertEquals(List.of(address("127.0.0.1")), resolver.answerAtOnce("app.localhost", INET));
        assertEquals(List.of(address("192.0.2.7")), resolver.answerAtOnce("192.0.2.7", INET));
        assertEquals(List.of(), resolver.answerAtOnce("192.0.2.7", INET6));
        assertEquals(null, resolver.answerAtOnce("bad..name", INET));
        assertEquals(List.of(), dns.queries());
    }

    @Test
    void theSystemResolverAnswersAtOnceOnlyForLocalhostAndLiterals() {
        assertEquals(List.of(address("127.0.0.1")), SystemResolver.INSTANCE.answerAtOnce("localhost", INET));
        assertEquals(List.of(address("2001:db8::1")), SystemResolver.INSTANCE.answerAtOnce("2001:db8::1", INET6));
        assertEquals(null, SystemResolver.INSTANCE.answerAtOnce("example.com", INET), "the JDK's cache cannot be read without waiting");
    }
}
