package dev.shuttle.internal.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nameservers are IP addresses with an optional port, 53 by default. */
class NameserversTest {

    @Test
    void anIpWithoutAPortMeansPort53() {
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("8.8.8.8"), 53), Nameservers.parse("8.8.8.8"));
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("::1"), 53), Nameservers.parse("::1"));
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("2001:db8::1"), 53), Nameservers.parse("[2001:db8::1]"));
    }

    @Test
    void aPortMayFollowTheAddress() {
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 5353), Nameservers.parse("127.0.0.1:5353"));
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("::1"), 5353), Nameservers.parse("[::1]:5353"));
    }

    @Test
    void serversAreDescribedAsShuttleWritesThem() {
        assertEquals("127.0.0.1:5353, [::1]:53",
                Nameservers.describe(List.of(Nameservers.parse("127.0.0.1:5353"), Nameservers.parse("::1"))));
    }
}
