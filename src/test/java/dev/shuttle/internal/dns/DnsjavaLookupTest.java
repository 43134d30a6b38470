package dev.shuttle.internal.dns;

import static dev.shuttle.internal.dns.ScriptedServer.response;
import static dev.shuttle.internal.dns.ScriptedServer.soa;
import static java.net.StandardProtocolFamily.INET;
import static java.net.StandardProtocolFamily.INET6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ResolverOptions;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/** How dnsjava's results and failures become answers, against a scripted server: no network. */
class DnsjavaLookupTest {
    private static final Name API = Name.fromConstantString("api.test.");
    private ScriptedServer server;

    private DnsjavaLookup lookup(Function<Message, CompletableFuture<Message>> script) {
        server = new ScriptedServer(script);
        ResolverOptions options = ResolverOptions.builder().useHostsFile(false).searchDomains(List.of()).ndots(1).build();
        return new DnsjavaLookup(options, server, List.of(new InetSocketAddress(InetAddress.ofLiteral("192.0.2.53"), 53)));
    }

    private static Answer ask(DnsjavaLookup lookup, String name, java.net.StandardProtocolFamily family) throws Exception {
        return lookup.ask(name, family).get(5, TimeUnit.SECONDS);
    }

    @Test
    void addressRecordsBecomeAddressesNamedAfterTheHostWithTheSmallestTtl() throws Exception {
        DnsjavaLookup lookup = lookup(query -> CompletableFuture.completedFuture(response(query, Rcode.NOERROR, null,
                new ARecord(API, DClass.IN, 300, InetAddress.ofLiteral("192.0.2.1")),
                new ARecord(API, DClass.IN, 120, InetAddress.ofLiteral("192.0.2.2")))));

        Answer.Found found = assertInstanceOf(Answer.Found.class, ask(lookup, "api.test", INET));
        assertEquals(List.of(InetAddress.ofLiteral("192.0.2.1"), InetAddress.ofLiteral("192.0.2.2")), found.addresses());
        assertEquals("api.test", found.addresses().getFirst().getHostName());
        assertEquals(Duration.ofSeconds(120), found.ttl());
    }

    @Test
    void anIpv4MappedAaaaRecordStaysAnIpv6Address() throws Exception {
        InetAddress mapped = InetAddress.getByAddress(
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1});
        DnsjavaLookup lookup = lookup(query -> CompletableFuture.completedFuture(response(query, Rcode.NOERROR, null,
                new AAAARecord(API, DClass.IN, 300, mapped))));

        Answer.Found found = assertInstanceOf(Answer.Found.class, ask(lookup, "api.test", INET6));
        assertInstanceOf(Inet6Address.class, found.addresses().getFirst());
    }

    @Test
    void nodataWithAnSoaIsNoDataAgainWhenDnsjavaAnswersFromItsNegativeCache() throws Exception {
        DnsjavaLookup lookup = lookup(query -> CompletableFuture.completedFuture(response(query, Rcode.NOERROR, soa())));

        assertInstanceOf(Answer.NoData.class, ask(lookup, "api.test", INET6));
        assertInstanceOf(Answer.NoData.class, ask(lookup, "api.test", INET6));
        assertEquals(1, server.queries(), "the second answer came from dnsjava's cache (NoSuchRRSetException)");
    }

    @Test
    void nxdomainWithAnSoaIsNoSuchNameAgainFromDnsjavasNegativeCache() throws Exception {
        DnsjavaLookup lookup = lookup(query -> CompletableFuture.completedFuture(response(query, Rcode.NXDOMAIN, soa())));

        assertInstanceOf(Answer.NoSuchName.class, ask(lookup, "gone.test", INET));
        assertInstanceOf(Answer.NoSuchName.class, ask(lookup, "gone.test", INET));
        assertEquals(1, server.queries());
    }

    @Test
    void servfailIsAFailureNamingTheServer() throws Exception {
        DnsjavaLookup lookup = lookup(query -> CompletableFuture.completedFuture(response(query, Rcode.SERVFAIL, null)));

        Answer.Failed failed = assertInstanceOf(Answer.Failed.class, ask(lookup, "api.test", INET));
        assertEquals("DNS server 192.0.2.53:53 failed to answer the A query (SERVFAIL)", failed.reason());
        assertFalse(failed.timedOut());
    }

    @Test
    void aTimeoutIsAFailureMarkedAsTimedOut() throws Exception {
        DnsjavaLookup lookup = lookup(query -> CompletableFuture.failedFuture(new SocketTimeoutException("Query timed out")));

        Answer.Failed failed = assertInstanceOf(Answer.Failed.class, ask(lookup, "api.test", INET));
        assertTrue(failed.timedOut());
    }

    @Test
    void queriesStartOnAShuttleVirtualThreadNeverTheCallers() throws Exception {
        DnsjavaLookup lookup = lookup(query -> CompletableFuture.completedFuture(response(query, Rcode.NXDOMAIN, null)));

        ask(lookup, "gone.test", INET);
        Thread sender = server.askedOn().getFirst();
        assertTrue(sender.isVirtual());
        assertTrue(sender.getName().startsWith("shuttle-dns"), sender.getName());
    }
}
