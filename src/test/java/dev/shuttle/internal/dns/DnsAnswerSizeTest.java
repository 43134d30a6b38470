package dev.shuttle.internal.dns;

import static dev.shuttle.internal.dns.ScriptedServer.response;
import static java.net.StandardProtocolFamily.INET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ResolverOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * A DNS answer with thousands of addresses (a 64 KiB TCP answer holds about 4,000 A records) is
 * kept as at most {@value DnsjavaLookup#MAX_ADDRESSES} addresses, so that a hostile server cannot
 * make each of the cache's entries hold hundreds of kilobytes.
 */
class DnsAnswerSizeTest {
    private static final Name HUGE = Name.fromConstantString("huge.test.");

    @Test
    void anAnswerWithThousandsOfAddressesKeepsAtMostTheLimit() throws Exception {
        Record[] records = new Record[4000];
        Set<InetAddress> sent = new HashSet<>();
        for (int i = 0; i < records.length; i++) {
            InetAddress address = InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i});
            sent.add(address);
            records[i] = new ARecord(HUGE, DClass.IN, 300, address);
        }
        ScriptedServer server = new ScriptedServer(query -> CompletableFuture.completedFuture(
                response(query, Rcode.NOERROR, null, records)));
        ResolverOptions options = ResolverOptions.builder().useHostsFile(false).searchDomains(List.of()).ndots(1).build();
        DnsjavaLookup lookup = new DnsjavaLookup(options, server,
                List.of(new InetSocketAddress(InetAddress.ofLiteral("192.0.2.53"), 53)));

        Answer.Found found = assertInstanceOf(Answer.Found.class, lookup.ask("huge.test", INET).get(30, TimeUnit.SECONDS));
        assertEquals(DnsjavaLookup.MAX_ADDRESSES, found.addresses().size());
        assertTrue(sent.containsAll(found.addresses()), "only addresses the server gave");
        assertEquals(DnsjavaLookup.MAX_ADDRESSES, Set.copyOf(found.addresses()).size(), "no address twice");
    }
}
