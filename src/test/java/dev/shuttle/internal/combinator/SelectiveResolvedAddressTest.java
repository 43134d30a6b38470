package dev.shuttle.internal.combinator;

import dev.shuttle.testing.Needs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Connectors;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An address rule also matches a hostname target by the addresses the name resolves to, when the
 * routed connector is Shuttle's own: the attempt to a denied address fails as a refused connect,
 * and the race moves on to the next address. Against real loopback listeners that count every
 * connection; each test runs on both implementations of the task-scope seam (the suite runs
 * twice).
 */
@NetworkTest
class SelectiveResolvedAddressTest {
    private CountingListener listener;
    private Connector shuttle;

    @BeforeEach
    void listen() throws IOException {
        listener = CountingListener.open();
        shuttle = Connector.create(ConnectorOptions.builder().resolver(new LoopbackOnlyResolver())
                .connectTimeout(Duration.ofSeconds(10)).build());
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    private String uri(String scheme, String host) {
        return scheme + "://" + host + ":" + listener.port();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "127.*", "127.0.0.*", "*.0.0.1", "[::ffff:127.0.0.1]", "[0:0:0:0:0:ffff:7f00:*]"})
    void aHostnameResolvingToADeniedIpv4AddressIsDenied(String rule) throws IOException {
        Connector selective = Connectors.selective()
                .route(rule, Connectors.reject("loopback is not allowed"))
                .route("*", shuttle)
                .build();
        ConnectException e = assertThrows(ConnectException.class, () -> selective.connect(uri("tcp", "evil4.test")));
        assertEquals("Connection to tcp://evil4.test:" + listener.port() + " failed: 127.0.0.1:" + listener.port()
                + ", an address of evil4.test, is denied: it matches the selective rule '" + rule
                + "', which routes elsewhere than '*', the rule that matched the name", e.getMessage());
        assertEquals(0, listener.accepted());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[::1]", "[0:0:0:0:0:0:0:*]", "[::1]:1-65535"})
    void aHostnameResolvingToADeniedIpv6AddressIsDenied(String rule) throws IOException {
        Needs.that(listener.hasIpv6(), "an IPv6 loopback address (::1)");
        Connector selective = Connectors.selective()
                .route(rule, Connectors.reject("loopback is not allowed"))
                .route("*", shuttle)
                .build();
        ConnectException e = assertThrows(ConnectException.class, () -> selective.connect(uri("tcp", "evil6.test")));
        assertTrue(e.getMessage().contains("[::1]:" + listener.port() + ", an address of evil6.test, is denied"), e.getMessage());
        assertEquals(0, listener.accepted());
    }

    @Test
    void theRaceMovesOnToTheNextAddressWhenOneIsDenied() throws IOException {
        Needs.that(listener.hasIpv6(), "an IPv6 loopback address (::1)");
        Connector selective = Connectors.selective()
                .route("[::1]", Connectors.reject("IPv6 loopback is not allowed"))
                .route("*", shuttle)
                .build();
        try (Connection connection = selective.connect(uri("tcp", "evil.test"))) {
            assertEquals("tcp://127.0.0.1:" + listener.port(), connection.remoteAddress().toString());
        }
        assertEquals(1, listener.accepted());
    }

    @Test
    void everyAddressDeniedFailsWithEachDenialSuppressed() throws IOException {
        Needs.that(listener.hasIpv6(), "an IPv6 loopback address (::1)");
        Connector selective = Connectors.selective()
                .route("[::1]", Connectors.reject("IPv6 loopback is not allowed"))
                .route("127.*", Connectors.reject("IPv4 loopback is not allowed"))
                .route("*", shuttle)
                .build();
        ConnectException e = assertThrows(ConnectException.class, () -> selective.connect(uri("tcp", "evil.test")));
        assertEquals(2, e.getSuppressed().length, Arrays.toString(e.getSuppressed()));
        assertTrue(e.getMessage().contains("after 2 attempts"), e.getMessage());
        assertEquals(0, listener.accepted());
    }

    @Test
    void tlsIsDeniedBeforeAnyTcpConnect() throws IOException {
        Connector selective = Connectors.selective()
                .route("127.*", Connectors.reject("loopback is not allowed"))
                .route("*", shuttle)
                .build();
        ConnectException e = assertThrows(ConnectException.class, () -> selective.connect(uri("tls", "evil4.test")));
        assertTrue(e.getMessage().contains("is denied: it matches the selective rule '127.*'"), e.getMessage());
        assertEquals(0, listener.accepted());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"timeout", "tries", "timeout and tries", "concurrent", "consecutive"})
    void theCheckHoldsWhenADecoratorConnectsOnAThreadOfItsOwn(String decorator) throws IOException {
        UnaryOperator<Connector> decorate = switch (decorator) {
            case "timeout" -> c -> c.withTimeout(Duration.ofSeconds(10));
            case "tries" -> c -> c.withTries(2);
            case "timeout and tries" -> c -> c.withTimeout(Duration.ofSeconds(10)).withTries(2);
            case "concurrent" -> c -> Connectors.concurrent(c, c);
            default -> c -> Connectors.consecutive(c, c);
        };
        Connector selective = Connectors.selective()
                .route("127.*", Connectors.reject("loopback is not allowed"))
                .route("*", decorate.apply(shuttle))
                .build();
        assertThrows(ConnectException.class, () -> selective.connect(uri("tcp", "evil4.test")));
        assertThrows(ConnectException.class, () -> selective.withTimeout(Duration.ofSeconds(10)).connect(uri("tcp", "evil4.test")));
        assertEquals(0, listener.accepted());
    }

    @Test
    void theCheckOfAnOuterSelectiveConnectorHoldsInsideAnInnerOne() throws IOException {
        Connector inner = Connectors.selective()
                .route("*.test", shuttle.withTimeout(Duration.ofSeconds(10)))
                .build();
        Connector outer = Connectors.selective()
                .route("127.*", Connectors.reject("loopback is not allowed"))
                .route("*", inner)
                .build();
        ConnectException e = assertThrows(ConnectException.class, () -> outer.connect(uri("tcp", "evil4.test")));
        assertTrue(e.getMessage().contains("the selective rule '127.*'"), e.getMessage());
        assertEquals(0, listener.accepted());
    }

    @Test
    void aNumericNameTheResolverReadsAsAnAddressIsDeniedByTheAddressRule() throws IOException {
        Connector selective = Connectors.selective()
                .route("127.0.0.1", Connectors.reject("loopback is not allowed"))
                .route("*", shuttle)
                .build();
        // Names that resolvers (inet_aton, the JDK's InetAddress) read as 127.0.0.1 are denied by
        // what they resolve to, whether or not the URI parser refuses them first.
        for (String host : new String[] {"2130706433", "0x7f.1", "0177.0.0.1", "127.1"}) {
            Exception e = assertThrows(Exception.class, () -> selective.connect(uri("tcp", host)).close(), host);
            assertTrue(e instanceof IllegalArgumentException || e instanceof ConnectException, host + ": " + e);
        }
        assertEquals(0, listener.accepted());
    }

    @Test
    void anEarlierAddressRuleToTheSameConnectorDeniesNothing() throws IOException {
        Connector selective = Connectors.selective()
                .route("127.*", shuttle)
                .route("*", shuttle)
                .build();
        selective.connect(uri("tcp", "evil4.test")).close();
        assertEquals(1, listener.accepted());
    }

    @Test
    void aNameRuleMatchesByNameOnly() throws IOException {
        // Documented: "localhost" names a name, not the loopback addresses; write 127.* for those.
        Connector selective = Connectors.selective()
                .route("localhost", Connectors.reject("localhost is not allowed"))
                .route("*", shuttle)
                .build();
        selective.connect(uri("tcp", "evil4.test")).close();
        assertEquals(1, listener.accepted());
    }

    @Test
    void aRuleAfterTheChosenOneDeniesNothing() throws IOException {
        Connector selective = Connectors.selective()
                .route("*.test", shuttle)
                .route("127.*", Connectors.reject("loopback is not allowed"))
                .build();
        selective.connect(uri("tcp", "evil4.test")).close();
        assertEquals(1, listener.accepted());
    }

    @Test
    void anAddressRuleForAnotherPortDeniesNothing() throws IOException {
        int other = listener.port() == 65535 ? 1 : listener.port() + 1;
        Connector selective = Connectors.selective()
                .route("127.*:" + other, Connectors.reject("that port is not allowed"))
                .route("*", shuttle)
                .build();
        selective.connect(uri("tcp", "evil4.test")).close();
        assertEquals(1, listener.accepted());
    }

    @Test
    void aRoutedConnectorThatConnectsElsewhereIsNotChecked() throws IOException {
        // Like a proxy: the route chose where to connect, and it is not the name asked for.
        Connector viaFixedName = new FixedUriConnector(shuttle, "tcp://localhost:" + listener.port());
        Connector selective = Connectors.selective()
                .route("127.*", Connectors.reject("loopback is not allowed"))
                .route("[::1]", Connectors.reject("loopback is not allowed"))
                .route("*", viaFixedName)
                .build();
        selective.connect(uri("tcp", "evil4.test")).close();
        assertEquals(1, listener.accepted());
    }
}
