package dev.shuttle.it.dns;

import static java.net.StandardProtocolFamily.INET;
import static java.net.StandardProtocolFamily.INET6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.Resolver;
import dev.shuttle.ResolverOptions;
import dev.shuttle.testing.NetworkTest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookups against a real DNS server: each family, missing names, search domains, the hosts file. */
@NetworkTest
class DnsLookupIT {
    private static Dnsmasq dnsmasq;

    @BeforeAll
    static void startDnsmasq() throws Exception {
        dnsmasq = Dnsmasq.start(60, List.of("192.0.2.3 two.test", "192.0.2.4 two.test"),
                "both.test,192.0.2.1,2001:db8::1",
                "v4.test,192.0.2.2",
                "v6.test,2001:db8::2");
    }

    @AfterAll
    static void stopDnsmasq() throws Exception {
        dnsmasq.close();
    }

    private static ResolverOptions.Builder options() {
        return ResolverOptions.builder()
                .nameservers(List.of(dnsmasq.nameserver()))
                .useHostsFile(false)
                .searchDomains(List.of())
                .timeout(Duration.ofSeconds(3));
    }

    private static Resolver resolver() {
        return Resolver.dns(options().build());
    }

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    @Test
    void aNameWithOnlyAnARecordHasOnlyIpv4Addresses() throws Exception {
        Resolver resolver = resolver();
        assertEquals(List.of(ip("192.0.2.2")), resolver.lookup("v4.test", INET));
        assertEquals(List.of(), resolver.lookup("v4.test", INET6));
        assertEquals(List.of(ip("192.0.2.2")), resolver.lookup("v4.test"));
    }

    @Test
    void aNameWithOnlyAnAaaaRecordHasOnlyIpv6Addresses() throws Exception {
        Resolver resolver = resolver();
        assertEquals(List.of(ip("2001:db8::2")), resolver.lookup("v6.test", INET6));
        assertEquals(List.of(), resolver.lookup("v6.test", INET));
        assertEquals(List.of(ip("2001:db8::2")), resolver.lookup("v6.test"));
    }

    @Test
    void aNameWithBothFamiliesListsIpv6First() throws Exception {
        assertEquals(List.of(ip("2001:db8::1"), ip("192.0.2.1")), resolver().lookup("both.test"));
    }

    @Test
    void everyAddressOfTheAnswerIsReturned() throws Exception {
        List<InetAddress> addresses = resolver().lookup("two.test", INET);
        assertEquals(2, addresses.size());
        assertEquals(Set.of(ip("192.0.2.3"), ip("192.0.2.4")), Set.copyOf(addresses));
    }

    @Test
    void addressesCarryTheNameLookedUp() throws Exception {
        assertEquals("both.test", resolver().lookup("both.test", INET).getFirst().getHostName());
    }

    @Test
    void aMissingNameIsNoSuchName() {
        Resolver resolver = resolver();
        UnknownHostException one = assertThrows(UnknownHostException.class, () -> resolver.lookup("missing.test", INET));
        assertEquals("Cannot resolve missing.test: no such name (NXDOMAIN)", one.getMessage());
        UnknownHostException both = assertThrows(UnknownHostException.class, () -> resolver().lookup("missing.test"));
        assertEquals("Cannot resolve missing.test: no such name (NXDOMAIN)", both.getMessage());
    }

    @Test
    void aNameWithoutRecordsOfTheFamilyAnswersAnEmptyList() throws Exception {
        Resolver resolver = resolver();
        assertEquals(List.of(), resolver.lookup("v4.test", INET6));
        assertEquals(List.of(), resolver.lookup("v4.test", INET6));
    }

    /** The first search domain has no such name (NXDOMAIN), so the next one is tried. */
    @Test
    void aSearchDomainCompletesAShortName() throws Exception {
        Resolver resolver = Resolver.dns(options().searchDomains(List.of("example", "test")).ndots(1).build());
        assertEquals(List.of(ip("2001:db8::1"), ip("192.0.2.1")), resolver.lookup("both"));
        assertEquals(List.of(ip("192.0.2.2")), resolver.lookup("v4", INET));
    }

    @Test
    void aNameWithEnoughDotsIsTriedAsItIsFirst() throws Exception {
        Resolver resolver = Resolver.dns(options().searchDomains(List.of("test")).ndots(1).build());
        assertEquals(List.of(ip("192.0.2.2")), resolver.lookup("v4.test", INET));
    }

    @Test
    void aShortNameWithoutSearchDomainsIsNotFound() {
        Resolver resolver = Resolver.dns(options().searchDomains(List.of()).build());
        assertThrows(UnknownHostException.class, () -> resolver.lookup("both", INET));
    }

    @Test
    void theHostsFileIsReadBeforeDns(@TempDir Path directory) throws Exception {
        Path hosts = Files.writeString(directory.resolve("hosts"), "198.51.100.7 both.test\n");
        Resolver resolver = Resolver.dns(options().useHostsFile(true).hostsFile(hosts).build());

        assertEquals(List.of(ip("198.51.100.7")), resolver.lookup("both.test", INET));
        assertEquals(List.of(ip("2001:db8::1")), resolver.lookup("both.test", INET6));
    }
}
