package dev.shuttle.internal.address;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** RFC 6724 destination ordering, the rules Java can apply. */
class AddressSorterTest {

    private static List<InetAddress> addresses(String... literals) {
        return Arrays.stream(literals).map(InetAddress::ofLiteral).toList();
    }

    private static List<String> sorted(Function<InetAddress, InetAddress> sourceFor, String... literals) {
        return new AddressSorter(sourceFor).sort(addresses(literals)).stream()
                .map(a -> a instanceof Inet6Address ? a.getHostAddress().replace("0:0:0:0:0:0:0:1", "::1") : a.getHostAddress())
                .toList();
    }

    private static InetAddress dualStack(InetAddress destination) {
        if (destination.isLoopbackAddress()) {
            return destination;
        }
        return InetAddress.ofLiteral(destination instanceof Inet6Address ? "2001:db8:1::100" : "192.0.2.100");
    }

    @Test
    void unusableDestinationsGoLast() {
        Function<InetAddress, InetAddress> ipv4Only = d -> d instanceof Inet6Address ? null : InetAddress.ofLiteral("192.0.2.100");
        assertEquals(List.of("198.51.100.1", "2001:db8:0:0:0:0:0:1"), sorted(ipv4Only, "2001:db8::1", "198.51.100.1"));
    }

    @Test
    void globalIpv6IsPreferredOverIpv4OnADualStackHost() {
        assertEquals(List.of("2001:db8:0:0:0:0:0:1", "198.51.100.1"), sorted(AddressSorterTest::dualStack, "198.51.100.1", "2001:db8::1"));
    }

    @Test
    void loopbackIpv6IsPreferredOverLoopbackIpv4() {
        assertEquals(List.of("::1", "127.0.0.1"), sorted(AddressSorterTest::dualStack, "127.0.0.1", "::1"));
    }

    @Test
    void matchingScopeWinsOverPrecedence() {
        // A link-local-only IPv6 host: a global IPv6 destination's source has the wrong scope.
        Function<InetAddress, InetAddress> linkLocalV6 = d -> d instanceof Inet6Address
                ? InetAddress.ofLiteral("fe80::1") : InetAddress.ofLiteral("192.0.2.100");
        assertEquals(List.of("198.51.100.1", "2001:db8:0:0:0:0:0:1"), sorted(linkLocalV6, "2001:db8::1", "198.51.100.1"));
    }

    @Test
    void deprecatedSixToFourAndTeredoSortBelowNativeIpv6AndIpv4() {
        assertEquals(List.of("2001:db8:0:0:0:0:0:1", "198.51.100.1", "2002:c000:201:0:0:0:0:1", "2001:0:0:0:0:0:0:1"),
                sorted(AddressSorterTest::dualStack, "2001::1", "2002:c000:201::1", "198.51.100.1", "2001:db8::1"));
    }

    @Test
    void longestMatchingPrefixBreaksTies() {
        assertEquals(List.of("2001:db8:1:0:0:0:0:5", "2001:db8:2:0:0:0:0:5"),
                sorted(AddressSorterTest::dualStack, "2001:db8:2::5", "2001:db8:1::5"));
    }

    @Test
    void otherwiseTheResolversOrderStays() {
        assertEquals(List.of("198.51.100.2", "198.51.100.1"), sorted(d -> InetAddress.ofLiteral("10.0.0.1"), "198.51.100.2", "198.51.100.1"));
    }
}
