package dev.shuttle.internal.combinator;

import dev.shuttle.testing.Needs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connector;
import dev.shuttle.Connectors;
import dev.shuttle.Endpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SelectiveConnectorTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            example.com           | tcp://example.com:80        | true
            example.com           | tcp://www.example.com:80    | false
            example.com           | tcp://example.com.evil:80   | false
            Example.COM           | tcp://EXAMPLE.com:443       | true
            example.com           | tls://example.com:443       | true
            *.example.com         | tcp://www.example.com:80    | true
            *.example.com         | tcp://a.b.example.com:80    | true
            *.example.com         | tcp://example.com:80        | false
            www.*.com             | tcp://www.example.com:1     | true
            *                     | tcp://anything.at.all:9     | true
            *                     | tcp://[::1]:9               | true
            example.com:80        | tcp://example.com:80        | true
            example.com:80        | tcp://example.com:81        | false
            example.com:80-90     | tcp://example.com:79        | false
            example.com:80-90     | tcp://example.com:80        | true
            example.com:80-90     | tcp://example.com:85        | true
            example.com:80-90     | tcp://example.com:90        | true
            example.com:80-90     | tcp://example.com:91        | false
            *:1-1023              | tcp://example.com:22        | true
            *:1-1023              | tcp://example.com:8080      | false
            127.0.0.1             | tcp://127.0.0.1:5432        | true
            127.0.0.*             | tcp://127.0.0.42:5432       | true
            127.0.0.1             | tcp://127.0.0.10:5432       | false
            [::1]                 | tcp://[::1]:80              | true
            [::1]:80              | tcp://[::1]:80              | true
            [::1]:80              | tcp://[::1]:81              | false
            [0:0:0:0:0:0:0:1]:80  | tcp://[::1]:80              | true
            [2001:DB8:*]          | tcp://[2001:db8::5]:80      | true
            [2001:db8:*]          | tcp://[2001:db9::5]:80      | false
            [2001:db8:*]          | tcp://[2001:db8::1]:80      | true
            [2001:0DB8:*]         | tcp://[2001:db8::1]:80      | true
            [2001:db8:0:0:*]      | tcp://[2001:db8::1]:80      | true
            [2001:db8:*]          | tcp://[2001:db8:1::5]:80    | true
            [2001:db8:0:0:*]      | tcp://[2001:db8:1::5]:80    | false
            [2001:db8:0:*]        | tcp://[2001:db8::1:2:3:4]:80 | true
            [1:2:3:4:5:6:7:*]     | tcp://[1:2:3:4:5:6:7:8]:80  | true
            [2001:db8:*]:80-90    | tcp://[2001:db8::1]:91      | false
            [2001:db8:*]          | tcp://db8.example:80        | false
            [0:0:0:0:0:ffff:*]    | tcp://10.0.0.1:80           | true
            [0:0:0:0:0:ffff:a00:*] | tcp://[::ffff:10.0.0.1]:80 | true
            [0:0:0:0:0:ffff:*]    | tcp://[::1]:80              | false
            [::1]                 | tcp://127.0.0.1:80          | false
            localhost             | tcp://localhost:80          | true
            localhost             | tcp://localhost.:80         | true
            db.internal           | tcp://db.internal.:22       | true
            *.internal            | tcp://db.internal.:22       | true
            *.internal:1-1023     | tcp://DB.Internal.:22       | true
            db.internal.          | tcp://db.internal:22        | true
            DB.INTERNAL.          | tcp://db.internal.:22       | true
            *.internal.           | tcp://db.internal:22        | true
            db.internal           | tcp://db.internal.evil.:22  | false
            10.*                  | tcp://[::ffff:10.0.0.1]:22  | true
            10.0.0.1              | tcp://[::ffff:10.0.0.1]:22  | true
            10.0.0.1              | tcp://[::FFFF:A00:1]:22     | true
            10.0.0.1              | tcp://[::ffff:10.0.0.2]:22  | false
            [::ffff:10.0.0.1]     | tcp://10.0.0.1:22           | true
            [::ffff:10.0.0.1]     | tcp://[::ffff:10.0.0.1]:22  | true
            [::ffff:a00:1]        | tcp://10.0.0.1:22           | true
            10.*                  | tcp://[::10.0.0.1]:22       | false
            10.*                  | tcp://[64:ff9b::a00:1]:22   | false
            localhost             | unix:///run/app.sock        | false
            *                     | unix:///run/app.sock        | false
            [fe80::1]:22          | tcp://[fe80::1%7]:22        | true
            [fe80::1]:22          | tcp://[fe80::1%257]:22      | true
            [fe80::1]             | tcp://[fe80::1]:22          | true
            [fe80::1]:22          | tcp://[fe80::2%7]:22        | false
            [fe80::1]:22          | tcp://[fe80::1%7]:23        | false
            [fe80:0:0:0:*]        | tcp://[fe80::1%7]:22        | true
            [fe80:*]:22           | tcp://[fe80::1%257]:22      | true
            fe80*                 | tcp://[fe80::1%7]:22        | true
            *                     | tcp://[fe80::1%7]:22        | true
            [fe80::1%7]           | tcp://[fe80::1%7]:22        | true
            [fe80::1%257]         | tcp://[fe80::1%7]:22        | true
            [fe80::1%7]           | tcp://[fe80::1%8]:22        | false
            [fe80::1%7]           | tcp://[fe80::1]:22          | false
            [fe80::1%7]           | tcp://[fe80::2%7]:22        | false
            [2001:db8::1%7]       | tcp://[2001:db8::1]:22      | true
            [2001:db8::1]         | tcp://[2001:db8::1%7]:22    | true
            """)
    void matchingTable(String rule, String uri, boolean matches) {
        assertEquals(matches, HostPortRule.parse(rule).matches(Endpoint.parse(uri)));
    }

    @ParameterizedTest(name = "malformed rule ''{0}''")
    @ValueSource(strings = {
        "", " ", ":80", "example.com:", "example.com:0", "example.com:65536", "example.com:99999999999",
        "example.com:90-80", "example.com:8a", "example.com:-80", "example.com:80-", "example.com:1-2-3",
        "example.com: 80", "exa mple.com", "exa/mple.com", "exa*mple/com", "*.exa_mple@com", "::1", "::1:80",
        "[::1", "[::1]x", "[::1]:", "[::1]:0", "[example.com]:80", "[]:80", "[::*/x]", "example.com:*",
        "[2001:db8::*]", "[2001:0db8::*]", "[::ffff:10.0.0.*]", "[::*]", "[2001:db*]", "[2001:*:1]", "[*:db8:1]",
        "[1:2:3:4:5:6:7:8:*]", "[12345:*]", "[2001::db8:*]", "[2001:db8:*]:*"
    })
    void aMalformedRuleIsRefusedAtConstructionNamingIt(String rule) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Connectors.selective().route(rule, Connector.tcp()));
        assertTrue(e.getMessage().contains("'" + rule + "'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Connectors.selective(List.of(Map.entry(rule, Connector.tcp()))));
    }

    @Test
    void aWildcardIpv6RuleWithDoubleColonIsRefusedSayingHowToWriteIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Connectors.selective().route("[2001:db8::*]:443", Connector.tcp()));
        assertEquals("Malformed selective rule '[2001:db8::*]:443': '::' cannot be combined with '*' in an IPv6 rule"
                + " (how many zero groups would it stand for?); write the leading groups in full and end with ':*',"
                + " such as [2001:db8:*], or [2001:db8:0:0:*] with the zero groups written out", e.getMessage());
    }

    @Test
    void theFirstMatchingRuleWins() throws IOException {
        Fakes.Scripted local = Fakes.succeeding("local");
        Fakes.Scripted privileged = Fakes.succeeding("privileged");
        Fakes.Scripted rest = Fakes.succeeding("rest");
        Connector selective = Connectors.selective()
                .route("localhost", local)
                .route("*:1-1023", privileged)
                .route("*", rest)
                .build();
        selective.connect("tcp://localhost:22").close();
        selective.connect("tcp://example.com:22").close();
        selective.connect("tcp://example.com:8080").close();
        assertEquals(List.of(1, 1, 1), List.of(local.calls(), privileged.calls(), rest.calls()));
        assertEquals("tcp://example.com:22", privileged.uris.getFirst());
    }

    @Test
    void theJavadocDenyRuleCatchesAFullyQualifiedNameAndAnIpv4MappedAddress() throws IOException {
        Fakes.Scripted rest = Fakes.succeeding("rest");
        Connector selective = Connectors.selective()
                .route("*.internal:1-1023", Connectors.reject("privileged ports are not allowed"))
                .route("10.*", Connectors.reject("the private network is not allowed"))
                .route("*", rest)
                .build();
        for (String uri : List.of("tcp://db.internal:22", "tcp://db.internal.:22", "tls://DB.INTERNAL.:443",
                "tcp://10.0.0.1:22", "tcp://[::ffff:10.0.0.1]:22", "tcp://[0:0:0:0:0:ffff:a00:1]:22")) {
            ConnectException e = assertThrows(ConnectException.class, () -> selective.connect(uri));
            assertTrue(e.getMessage().contains("rejected"), e.getMessage());
        }
        selective.connect("tcp://db.internal.:8080").close();
        assertEquals(List.of("tcp://db.internal.:8080"), rest.uris);
    }

    @Test
    void aDenyRuleForALinkLocalAddressCatchesItWithAZoneWrittenAnyWay() throws IOException {
        Fakes.Scripted rest = Fakes.succeeding("rest");
        Connector selective = Connectors.selective()
                .route("[fe80::1]:22", Connectors.reject("ssh to the router is not allowed"))
                .route("*", rest)
                .build();
        List<String> uris = new java.util.ArrayList<>(List.of("tcp://[fe80::1]:22", "tcp://[fe80::1%7]:22",
                "tcp://[fe80::1%257]:22", "tls://[FE80:0:0:0:0:0:0:1%7]:22"));
        NetworkInterface nic = linkLocalInterface();
        if (nic != null) {
            uris.add("tcp://[fe80::1%" + nic.getName() + "]:22");
            uris.add("tcp://[fe80::1%25" + nic.getName() + "]:22");
            uris.add("tcp://[fe80::1%" + nic.getIndex() + "]:22");
        }
        for (String uri : uris) {
            ConnectException e = assertThrows(ConnectException.class, () -> selective.connect(uri), uri);
            assertTrue(e.getMessage().contains("rejected"), e.getMessage());
        }
        selective.connect("tcp://[fe80::1%7]:80").close();
        assertEquals(List.of("tcp://[fe80::1%257]:80"), rest.uris); // the endpoint as parsed, its zone written as RFC 6874 writes it
    }

    @Test
    void aRuleWithAZoneMatchesThatZoneOnlyByNameOrByIndex() {
        NetworkInterface nic = linkLocalInterface();
        Needs.that(nic != null, "a network interface with an IPv6 link-local address");
        HostPortRule byName = HostPortRule.parse("[fe80::1%" + nic.getName() + "]:22");
        HostPortRule byIndex = HostPortRule.parse("[fe80::1%" + nic.getIndex() + "]:22");
        for (HostPortRule rule : List.of(byName, byIndex)) {
            assertTrue(rule.matches(Endpoint.parse("tcp://[fe80::1%" + nic.getName() + "]:22")), rule.toString());
            assertTrue(rule.matches(Endpoint.parse("tcp://[fe80::1%25" + nic.getName() + "]:22")), rule.toString());
            assertTrue(rule.matches(Endpoint.parse("tcp://[fe80::1%" + nic.getIndex() + "]:22")), rule.toString());
            assertFalse(rule.matches(Endpoint.parse("tcp://[fe80::1%" + (nic.getIndex() + 1000) + "]:22")), rule.toString());
            assertFalse(rule.matches(Endpoint.parse("tcp://[fe80::1]:22")), rule.toString());
        }
    }

    /** {@return an interface of this machine with an IPv6 link-local address (so a zone may name it), or {@code null}} */
    private static NetworkInterface linkLocalInterface() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(nic -> nic.inetAddresses().anyMatch(a -> a instanceof Inet6Address && a.isLinkLocalAddress()))
                    .findFirst().orElse(null);
        } catch (SocketException e) {
            return null;
        }
    }

    @Test
    void noMatchIsARejectionNamingTheUri() {
        Connector selective = Connectors.selective(List.of(Map.entry("localhost", Connector.tcp())));
        ConnectException e = assertThrows(ConnectException.class, () -> selective.connect("WWW.Example.com:80"));
        assertEquals("Connection to tcp://www.example.com:80 rejected: it matches none of the 1 rules of the selective connector",
                e.getMessage());
    }
}
