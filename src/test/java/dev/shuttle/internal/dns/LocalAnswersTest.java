package dev.shuttle.internal.dns;

import static java.net.StandardProtocolFamily.INET;
import static java.net.StandardProtocolFamily.INET6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Resolver;
import dev.shuttle.ResolverOptions;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IP literals and {@code localhost} are answered without DNS, and bad input is refused before any
 * I/O, by every resolver Shuttle makes. The DNS resolver's fake lookup fails the test if asked.
 */
class LocalAnswersTest {
    private static final FakeLookup NO_DNS = new FakeLookup();

    static Stream<Resolver> resolvers() {
        return Stream.of(new DnsResolver(NO_DNS, ResolverOptions.defaults(), Ticker.SYSTEM, LookupObserver.NONE),
                Resolver.system());
    }

    @AfterEach
    void nothingWasAsked() {
        assertEquals(List.of(), NO_DNS.queries());
    }

    @ParameterizedTest
    @MethodSource("resolvers")
    void anIpv4LiteralIsItsOwnAnswer(Resolver resolver) throws Exception {
        InetAddress address = InetAddress.ofLiteral("192.0.2.1");
        assertEquals(List.of(address), resolver.lookup("192.0.2.1", INET));
        assertEquals(List.of(), resolver.lookup("192.0.2.1", INET6));
        assertEquals(List.of(address), resolver.lookup("192.0.2.1"));
    }

    @ParameterizedTest
    @MethodSource("resolvers")
    void anIpv6LiteralIsItsOwnAnswer(Resolver resolver) throws Exception {
        InetAddress address = InetAddress.ofLiteral("2001:db8::1");
        assertEquals(List.of(address), resolver.lookup("2001:db8::1", INET6));
        assertEquals(List.of(), resolver.lookup("2001:db8::1", INET));
        assertEquals(List.of(address), resolver.lookup("2001:db8::1"));
    }

    @ParameterizedTest
    @MethodSource("resolvers")
    void aScopedIpv6LiteralKeepsItsScope(Resolver resolver) throws Exception {
        List<InetAddress> addresses = resolver.lookup("fe80::1%1", INET6);
        assertEquals(1, addresses.size());
        Inet6Address address = (Inet6Address) addresses.getFirst();
        assertTrue(address.isLinkLocalAddress());
        assertEquals(1, address.getScopeId());
    }

    @ParameterizedTest
    @MethodSource("resolvers")
    void localhostIsLoopback(Resolver resolver) throws Exception {
        for (String host : List.of("localhost", "LocalHost", "localhost.", "api.localhost")) {
            assertEquals(List.of(InetAddress.ofLiteral("127.0.0.1")), resolver.lookup(host, INET), host);
            assertEquals(List.of(InetAddress.ofLiteral("::1")), resolver.lookup(host, INET6), host);
            assertEquals(List.of(InetAddress.ofLiteral("::1"), InetAddress.ofLiteral("127.0.0.1")), resolver.lookup(host), host);
        }
    }

    @ParameterizedTest
    @MethodSource("resolvers")
    void aNullHostOrFamilyIsRefused(Resolver resolver) {
        assertEquals("host", assertThrows(NullPointerException.class, () -> resolver.lookup(null, INET)).getMessage());
        assertEquals("host", assertThrows(NullPointerException.class, () -> resolver.lookup(null)).getMessage());
        assertEquals("family", assertThrows(NullPointerException.class, () -> resolver.lookup("api.test", null)).getMessage());
    }

    @ParameterizedTest
    @MethodSource("resolvers")
    void anEmptyHostIsRefusedBeforeAnyIo(Resolver resolver) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> resolver.lookup("", INET));
        assertEquals("Cannot look up '': the host is empty", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> resolver.lookup(""));
    }

    @ParameterizedTest
    @MethodSource("resolvers")
    void aMalformedHostIsRefusedNamingIt(Resolver resolver) {
        for (String host : List.of("bad host", "-dash.test", "a..b", "300.1.2.3", "2001:db8::g", "[::1]")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> resolver.lookup(host, INET), host);
            assertTrue(refused.getMessage().startsWith("Cannot look up '" + host + "': "), refused.getMessage());
            assertThrows(IllegalArgumentException.class, () -> resolver.lookup(host), host);
        }
    }

    @ParameterizedTest
    @MethodSource("resolvers")
    void theUnixFamilyIsRefused(Resolver resolver) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> resolver.lookup("api.test", StandardProtocolFamily.UNIX));
        assertTrue(refused.getMessage().startsWith("family must be INET (A records) or INET6 (AAAA records), not UNIX"),
                refused.getMessage());
    }
}
