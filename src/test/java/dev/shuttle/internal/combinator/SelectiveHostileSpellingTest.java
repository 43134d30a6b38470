package dev.shuttle.internal.combinator;

import dev.shuttle.testing.Needs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Connectors;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile spellings of loopback against the selective connector's rules, for each kind of rule:
 * every spelling is refused by the parser ({@link IllegalArgumentException}) or denied by a rule
 * ({@link ConnectException}), over {@code tcp://} and {@code tls://}, and never connected: real
 * listeners on {@code 127.0.0.1} and {@code [::1]} count every connection they accept, and stay at
 * zero. Names go through {@link Connector#create} with a resolver that answers with loopback
 * addresses only, as an attacker's DNS would.
 */
@NetworkTest
class SelectiveHostileSpellingTest {
    /** Spellings of 127.0.0.1, or of an address a connect to which reaches it. */
    private static final List<String> IPV4 = List.of(
            "127.0.0.1", "127.1", "127.0.1", "2130706433", "0x7f000001", "0x7f.0.0.1", "0x7F.0x0.0x0.0x1", "0x7f.1",
            "0177.0.0.1", "0177.1", "017700000001", "127.0.0.01", "127.000.000.001", "127.0.0.1.", "127.0.0.1..",
            "0.0.0.0", "0", "0x0", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::FFFF:7F00:0001]",
            "[0:0:0:0:0:ffff:127.0.0.1]", "[::ffff:0.0.0.0]", "[::ffff:0:0]",
            "127.0.0.1\u200B", "\u200B127.0.0.1", "127.\u00AD0.0.1", "127\u00AD.1", "2130706433\u200B",
            "21307\u00AD06433", "127.0.0.1\uFEFF", "127.0.0.1\u2060", "127.0.0.1\u180E", "127.0.0.1\u200D",
            "12740.\uFEFF0.1", "127.0.0.1\u0000", "127.0.0.1 ", "127.0.0.1\t",
            "\uFF11\uFF12\uFF17.\uFF10.\uFF10.\uFF11", "\uFF11\uFF12\uFF17.0.0.1",
            "127\uFF0E0\uFF0E0\uFF0E1", "127\u30020\u30020\u30021", "127\uFF610\uFF610\uFF611",
            "evil4.test", "evil4.test.", "EVIL4.Test", "ev\u00ADil4.test", "evil4\u200B.test");

    /** Spellings of ::1, or of an address a connect to which reaches it. */
    private static final List<String> IPV6 = List.of(
            "[::1]", "[0:0:0:0:0:0:0:1]", "[0::1]", "[::0:1]", "[0000:0000:0000:0000:0000:0000:0000:0001]",
            "[::0.0.0.1]", "[::1%1]", "[::1%lo]", "[::1%25lo]", "[::1%251]", "[::]", "[0:0:0:0:0:0:0:0]",
            "[::1\u200B]", "[\u200B::1]", "[::\uFF11]", "[::1%lo\u200B]", "[::1%\uFF11]", "[::1%\u00ADlo]",
            "evil6.test", "evil6.test.", "EVIL6.TEST", "evil6.te\u200Bst");

    /** Spellings of the name localhost. */
    private static final List<String> NAMES = List.of(
            "localhost", "LOCALHOST", "LocalHost.", "localhost.", "localhost..", "www.localhost", "x.LOCALHOST.",
            "\uFF4C\uFF4F\uFF43\uFF41\uFF4C\uFF48\uFF4F\uFF53\uFF54", "local\u200Bhost", "local\u00ADhost",
            "localhost\uFEFF", "\u200Blocalhost", "local\u200Chost", "local\u2060host", "localhost\u3002",
            "LOCAL\u200BHOST.");

    /**
     * Other names for loopback: homographs of localhost and names of non-ASCII digits (which an
     * attacker's DNS points at both loopback addresses), denied by the address rules.
     */
    private static final List<String> HOMOGRAPHS = List.of(
            "l\u043Ecalhost", "loc\u0430lhost", "l\u03BFcalhost", "\u217Cocalhost", "loca\u217Chost", "\u029Fo\u1D04alhost",
            "evil.test", "EVIL.TEST.", "\u0661\u0662\u0667.0.0.1");

    static Stream<Arguments> rows() {
        Stream.Builder<Arguments> rows = Stream.builder();
        for (String acl : List.of("127.0.0.1", "127.*", "all")) {
            IPV4.forEach(host -> rows.add(Arguments.of(acl, host)));
        }
        for (String acl : List.of("[::1]", "[0:0:0:0:0:0:0:*]", "all")) {
            IPV6.forEach(host -> rows.add(Arguments.of(acl, host)));
        }
        for (String acl : List.of("localhost", "all")) {
            NAMES.forEach(host -> rows.add(Arguments.of(acl, host)));
        }
        HOMOGRAPHS.forEach(host -> rows.add(Arguments.of("all", host)));
        // IPv4-compatible addresses (deprecated) are IPv6 addresses, which the rule for ::/96 denies.
        for (String host : List.of("[::127.0.0.1]", "[::7f00:1]")) {
            rows.add(Arguments.of("all", host));
        }
        return rows.build();
    }

    // One listener for the whole table, opened before the first row and closed after the last:
    // every row must leave its count at zero.
    private static CountingListener listener;
    private static Connector shuttle;

    @BeforeAll
    static void listen() throws IOException {
        listener = CountingListener.open();
        shuttle = Connector.create(ConnectorOptions.builder().resolver(new LoopbackOnlyResolver())
                .connectTimeout(Duration.ofSeconds(5)).build());
    }

    @AfterAll
    static void close() throws IOException {
        listener.close();
    }

    /** The ACL: one deny rule (or all of them), then everything else through Shuttle's own connector. */
    private Connector acl(String deny) {
        Connectors.Selective rules = Connectors.selective();
        for (String rule : deny.equals("all") ? List.of("127.0.0.1", "127.*", "[::1]", "[0:0:0:0:0:0:*]", "localhost", "*.localhost")
                : deny.equals("localhost") ? List.of("localhost", "*.localhost") : List.of(deny)) {
            rules.route(rule, Connectors.reject("loopback is not allowed"));
        }
        return rules.route("*", shuttle).build();
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("rows")
    void aHostileSpellingIsRefusedOrDeniedAndNeverConnected(String deny, String host) throws IOException {
        if (host.startsWith("[") || host.contains("evil6") || deny.startsWith("[")) {
            Needs.that(listener.hasIpv6(), "an IPv6 loopback address (::1)");
        }
        Connector acl = acl(deny);
        for (String scheme : List.of("tcp", "tls")) {
            String uri = scheme + "://" + host + ":" + listener.port();
            try (Connection connection = acl.connect(uri)) {
                fail(uri + " connected to " + connection.remoteAddress() + " past the rules " + acl);
            } catch (IllegalArgumentException refused) {
                // The parser refused the spelling: nothing was looked up or connected.
            } catch (ConnectException denied) {
                String message = denied.getMessage();
                assertTrue(message.contains(" rejected: loopback is not allowed") || message.contains(", is denied: it matches"),
                        uri + ": " + message);
            }
        }
        assertEquals(0, listener.accepted(), host);
    }
}
