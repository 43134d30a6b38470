package dev.shuttle.it.dns;

import static java.net.StandardProtocolFamily.INET;
import static java.net.StandardProtocolFamily.INET6;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Resolver;
import dev.shuttle.ResolverOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cache against a real server whose answers change: each test rewrites dnsmasq's hosts file,
 * waits until a resolver with an empty cache sees the change, then shows that a resolver which
 * looked up before keeps its answer until the TTL, or the negative TTL, has passed.
 */
@NetworkTest
class DnsCacheIT {
    private static final int TTL_SECONDS = 4;
    private static final Duration NEGATIVE_TTL = Duration.ofSeconds(3);
    private static Dnsmasq dnsmasq;

    @BeforeAll
    static void startDnsmasq() throws Exception {
        dnsmasq = Dnsmasq.start(TTL_SECONDS);
    }

    @AfterAll
    static void stopDnsmasq() throws Exception {
        dnsmasq.close();
    }

    private static Resolver resolver() {
        return Resolver.dns(ResolverOptions.builder()
                .nameservers(List.of(dnsmasq.nameserver()))
                .useHostsFile(false)
                .searchDomains(List.of())
                .negativeTtl(NEGATIVE_TTL)
                .timeout(Duration.ofSeconds(3))
                .build());
    }

    /** Waits until a resolver with an empty cache gets these addresses from dnsmasq. */
    private static void awaitServerAnswer(String host, StandardProtocolFamily family, List<InetAddress> addresses) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> lookupOrEmpty(resolver(), host, family).equals(addresses));
    }

    private static List<InetAddress> lookupOrEmpty(Resolver resolver, String host, StandardProtocolFamily family)
            throws IOException {
        try {
            return resolver.lookup(host, family);
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    private static List<InetAddress> ips(String... literals) {
        return List.of(literals).stream().map(InetAddress::ofLiteral).toList();
    }

    private static long secondsSince(long start) {
        return (System.nanoTime() - start) / 1_000_000_000L;
    }

    @Test
    void anAnswerIsKeptUntilItsTtlPassesAndThenRefreshed() throws Exception {
        dnsmasq.hosts("198.51.100.1 moving.test");
        awaitServerAnswer("moving.test", INET, ips("198.51.100.1"));
        Resolver resolver = resolver();
        assertEquals(ips("198.51.100.1"), resolver.lookup("moving.test", INET));
        long cachedAt = System.nanoTime();

        dnsmasq.hosts("198.51.100.2 moving.test");
        awaitServerAnswer("moving.test", INET, ips("198.51.100.2"));
        assertEquals(ips("198.51.100.1"), resolver.lookup("moving.test", INET), "still within the TTL");

        await().atMost(Duration.ofSeconds(TTL_SECONDS + 6)).pollInterval(Duration.ofMillis(50))
                .until(() -> resolver.lookup("moving.test", INET).equals(ips("198.51.100.2")));
        assertTrue(secondsSince(cachedAt) >= TTL_SECONDS - 1, "refreshed after " + secondsSince(cachedAt) + " s");
    }

    @Test
    void aMissingNameStaysMissingUntilTheNegativeTtlPasses() throws Exception {
        dnsmasq.hosts();
        awaitServerAnswer("late.test", INET, List.of());
        Resolver resolver = resolver();
        assertThrows(UnknownHostException.class, () -> resolver.lookup("late.test", INET));
        long cachedAt = System.nanoTime();

        dnsmasq.hosts("198.51.100.3 late.test");
        awaitServerAnswer("late.test", INET, ips("198.51.100.3"));
        UnknownHostException cached = assertThrows(UnknownHostException.class, () -> resolver.lookup("late.test", INET));
        assertEquals("Cannot resolve late.test: no such name (NXDOMAIN, cached)", cached.getMessage());

        await().atMost(NEGATIVE_TTL.plusSeconds(6)).pollInterval(Duration.ofMillis(50))
                .until(() -> lookupOrEmpty(resolver, "late.test", INET).equals(ips("198.51.100.3")));
        assertTrue(secondsSince(cachedAt) >= NEGATIVE_TTL.toSeconds() - 1, "found after " + secondsSince(cachedAt) + " s");
    }

    @Test
    void nodataAnswersAnEmptyListAndIsCachedNegatively() throws Exception {
        dnsmasq.hosts("198.51.100.4 dual-later.test");
        awaitServerAnswer("dual-later.test", INET, ips("198.51.100.4"));
        Resolver resolver = resolver();
        assertEquals(List.of(), resolver.lookup("dual-later.test", INET6));
        long cachedAt = System.nanoTime();

        dnsmasq.hosts("198.51.100.4 dual-later.test", "2001:db8::4 dual-later.test");
        awaitServerAnswer("dual-later.test", INET6, ips("2001:db8::4"));
        assertEquals(List.of(), resolver.lookup("dual-later.test", INET6), "still within the negative TTL");

        await().atMost(NEGATIVE_TTL.plusSeconds(6)).pollInterval(Duration.ofMillis(50))
                .until(() -> resolver.lookup("dual-later.test", INET6).equals(ips("2001:db8::4")));
        assertTrue(secondsSince(cachedAt) >= NEGATIVE_TTL.toSeconds() - 1, "found after " + secondsSince(cachedAt) + " s");
    }
}
