package dev.shuttle.internal.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ServiceEndpoint;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.HTTPSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SVCBBase;
import org.xbill.DNS.SVCBRecord;

/** HTTPS and SVCB records read and followed: AliasMode chains and loops, mandatory keys, caching. */
class ServiceRecordResolverTest {
    private final FakeTicker ticker = new FakeTicker();
    private final Map<String, CompletableFuture<List<Record>>> zone = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final ServiceRecordResolver resolver = new ServiceRecordResolver((name, type) -> {
        asked.add(name);
        return zone.getOrDefault(name, CompletableFuture.completedFuture(List.of()));
    }, ticker, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofDays(1), 100);

    private static Name name(String text) {
        return Name.fromConstantString(text + ".");
    }

    private void serve(String owner, Record... records) {
        zone.put(owner, CompletableFuture.completedFuture(List.of(records)));
    }

    private static HTTPSRecord https(String owner, long ttl, int priority, String target, SVCBBase.ParameterBase... params) {
        return new HTTPSRecord(name(owner), DClass.IN, ttl, priority, target.equals(".") ? Name.root : name(target),
                List.of(params));
    }

    private static SVCBBase.ParameterAlpn alpn(String... ids) throws Exception {
        return new SVCBBase.ParameterAlpn(List.of(ids));
    }

    @Test
    void serviceModeKeepsEveryParameterAndOrdersByPriority() throws Exception {
        byte[] ech = {0, 4, 1, 2, 3, 4};
        serve("example.com", https("example.com", 300, 2, "backup.example.net", new SVCBBase.ParameterPort(9443)),
                https("example.com", 300, 1, ".", alpn("h2", "h3"), new SVCBBase.ParameterNoDefaultAlpn(),
                        new SVCBBase.ParameterPort(8443),
                        new SVCBBase.ParameterIpv4Hint(List.of((Inet4Address) InetAddress.ofLiteral("192.0.2.7"))),
                        new SVCBBase.ParameterIpv6Hint(List.of((Inet6Address) InetAddress.ofLiteral("2001:db8::7"))),
                        new SVCBBase.ParameterEch(ech)));
        ServiceAnswerFound found = resolver.services("example.com", ServiceRecordLookup.HTTPS);
        assertEquals(2, found.services().size());
        ServiceEndpoint first = found.services().getFirst();
        assertEquals(1, first.priority());
        assertEquals("example.com", first.targetName(), "target '.' is the owner name");
        assertEquals(OptionalInt.of(8443), first.port());
        assertEquals(List.of("h2", "h3"), first.applicationProtocols());
        assertEquals(false, first.defaultProtocol());
        assertEquals(List.of(InetAddress.ofLiteral("192.0.2.7"), InetAddress.ofLiteral("2001:db8::7")), first.hints());
        assertArrayEquals(ech, first.echConfigList().orElseThrow());
        assertEquals("backup.example.net", found.services().get(1).targetName());
        assertNull(found.unavailable());
    }

    @Test
    void aRecordWithAMandatoryKeyShuttleDoesNotUnderstandIsSkipped() throws Exception {
        serve("example.com",
                https("example.com", 300, 1, "ech-only.example.net", new SVCBBase.ParameterMandatory(List.of(SVCBBase.ECH)),
                        new SVCBBase.ParameterEch(new byte[] {0, 0})),
                https("example.com", 300, 2, "plain.example.net", new SVCBBase.ParameterMandatory(List.of(SVCBBase.PORT)),
                        new SVCBBase.ParameterPort(8443)));
        List<ServiceEndpoint> services = resolver.services("example.com", ServiceRecordLookup.HTTPS).services();
        assertEquals(List.of("plain.example.net"), services.stream().map(ServiceEndpoint::targetName).toList());
    }

    @Test
    void aliasModeIsFollowedToTheServiceModeRecords() throws Exception {
        serve("example.com", https("example.com", 300, 0, "cdn.example.net"));
        serve("cdn.example.net", https("cdn.example.net", 60, 0, "edge.example.org"));
        serve("edge.example.org", https("edge.example.org", 600, 1, ".", alpn("h2")));
        ServiceAnswerFound found = resolver.services("example.com", ServiceRecordLookup.HTTPS);
        assertEquals("edge.example.org", found.services().getFirst().targetName());
        assertEquals(List.of("example.com", "cdn.example.net", "edge.example.org"), asked);
    }

    @Test
    void anAliasChainEndingWithoutServiceModeRecordsLeadsToItsLastTarget() throws Exception {
        serve("example.com", https("example.com", 300, 0, "cdn.example.net"));
        ServiceAnswerFound found = resolver.services("example.com", ServiceRecordLookup.HTTPS);
        assertEquals(List.of(new ServiceEndpoint(1, "cdn.example.net", OptionalInt.empty(), List.of(), true, List.of(), null)),
                found.services());
    }

    @Test
    void anAliasLoopFailsTheLookupNamingIt() {
        serve("example.com", https("example.com", 300, 0, "a.example.net"));
        serve("a.example.net", https("a.example.net", 300, 0, "example.com"));
        UnknownHostException failure = assertThrows(UnknownHostException.class,
                () -> resolver.services("example.com", ServiceRecordLookup.HTTPS));
        assertEquals("The HTTPS records of example.com form an AliasMode loop through example.com", failure.getMessage());
    }

    @Test
    void anAliasChainLongerThanTheLimitFails() {
        for (int i = 0; i <= ServiceRecordResolver.MAX_ALIASES + 1; i++) {
            serve("a" + i + ".example.net", https("a" + i + ".example.net", 300, 0, "a" + (i + 1) + ".example.net"));
        }
        UnknownHostException failure = assertThrows(UnknownHostException.class,
                () -> resolver.services("a0.example.net", ServiceRecordLookup.HTTPS));
        assertTrue(failure.getMessage().contains("more than 8 AliasMode records"), failure.getMessage());
    }

    @Test
    void aliasModeToTheRootSaysTheServiceIsNotAvailable() throws Exception {
        serve("example.com", https("example.com", 300, 0, "."));
        ServiceAnswerFound found = resolver.services("example.com", ServiceRecordLookup.HTTPS);
        assertTrue(found.services().isEmpty());
        assertEquals("its HTTPS record says the service is not available (AliasMode with target \".\")", found.unavailable());
    }

    @Test
    void answersAreCachedForTheirSmallestTtlAndNegativeAnswersForTheNegativeTtl() throws Exception {
        serve("example.com", https("example.com", 300, 0, "cdn.example.net"));
        serve("cdn.example.net", https("cdn.example.net", 60, 1, "."));
        resolver.services("example.com", ServiceRecordLookup.HTTPS);
        resolver.services("nothing.example.com", ServiceRecordLookup.HTTPS);
        asked.clear();
        ticker.advance(Duration.ofSeconds(29));
        assertEquals("cdn.example.net", resolver.servicesAtOnce("example.com", ServiceRecordLookup.HTTPS).services().getFirst().targetName());
        assertTrue(resolver.servicesAtOnce("nothing.example.com", ServiceRecordLookup.HTTPS).services().isEmpty());
        ticker.advance(Duration.ofSeconds(2));
        assertNull(resolver.servicesAtOnce("nothing.example.com", ServiceRecordLookup.HTTPS), "the negative TTL passed");
        ticker.advance(Duration.ofSeconds(30));
        assertNull(resolver.servicesAtOnce("example.com", ServiceRecordLookup.HTTPS), "the 60 s TTL passed");
        assertTrue(asked.isEmpty());
    }

    @Test
    void svcbRecordsAreReadLikeHttpsRecordsAndPortPrefixesLeaveTheTarget() throws Exception {
        serve("_853._dns.example.com", new SVCBRecord(name("_853._dns.example.com"), DClass.IN, 300, 1, Name.root,
                List.of(alpn("dot"))));
        ServiceEndpoint endpoint = resolver.services("_853._dns.example.com", ServiceRecordLookup.SVCB).services().getFirst();
        assertEquals("example.com", endpoint.targetName());
        assertEquals(List.of("dot"), endpoint.applicationProtocols());
    }

    @Test
    void aFailedQueryIsAnIOExceptionAndNotCached() {
        zone.put("example.com", CompletableFuture.failedFuture(new IOException("DNS server 192.0.2.53:53 failed to answer (SERVFAIL)")));
        IOException failure = assertThrows(IOException.class, () -> resolver.services("example.com", ServiceRecordLookup.HTTPS));
        assertTrue(failure.getMessage().contains("SERVFAIL"));
        assertNull(resolver.servicesAtOnce("example.com", ServiceRecordLookup.HTTPS));
    }
}
