package dev.shuttle.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.batch.Batch;
import dev.shuttle.pool.ConnectionPool;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.udp.Datagram;
import dev.shuttle.Endpoint;
import dev.shuttle.Resolver;
import dev.shuttle.Scheme;
import dev.shuttle.Server;
import dev.shuttle.udp.UdpOptions;
import dev.shuttle.udp.UdpServer;
import dev.shuttle.udp.UdpSocket;
import dev.shuttle.testing.NetworkTest;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** udp:// as a URI: parsed as an endpoint, kept out of the stream APIs; bad options refused. */
@NetworkTest
class UdpUrisAndOptionsTest {

    static void refused(String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(message, e.getMessage());
    }

    @Test
    void udpUrisParseAsEndpoints() {
        Endpoint endpoint = Endpoint.parse("UDP://[::1]:53");
        assertEquals(Scheme.UDP, endpoint.scheme());
        assertEquals("udp://[::1]:53", endpoint.toString());
        assertEquals("udp://127.0.0.1:0", Endpoint.parseListening("udp://127.0.0.1:0").toString());
    }

    @Test
    void streamApisRefuseUdpNamingWhatToUseInstead() {
        refused("Cannot connect to udp://127.0.0.1:53 here: udp:// carries datagrams, not a byte stream; "
                + "use UdpSocket.connect(\"udp://127.0.0.1:53\")", () -> Connector.create().connect("udp://127.0.0.1:53"));
        refused("Cannot connect to udp://example.com:53 here: udp:// carries datagrams, not a byte stream; "
                + "use UdpSocket.connect(\"udp://example.com:53\")", () -> Connector.create().connect("udp://example.com:53"));
        assertThrows(IllegalArgumentException.class, () -> Connector.tcp().connect("udp://127.0.0.1:53"));
        assertThrows(IllegalArgumentException.class, () -> Connector.unix().connect("udp://127.0.0.1:53"));
        refused("Cannot listen on udp://127.0.0.1:0 here: udp:// carries datagrams, not a byte stream; "
                + "use UdpServer.listen(\"udp://127.0.0.1:0\")", () -> Server.listen("udp://127.0.0.1:0"));
        refused("schemes cannot include udp: a connector opens byte streams, and udp:// carries datagrams "
                + "(use UdpSocket.connect)", () -> ConnectorOptions.builder().schemes(Set.of(Scheme.TCP, Scheme.UDP)));
        assertEquals(Set.of(Scheme.TCP, Scheme.TLS, Scheme.UNIX), ConnectorOptions.defaults().schemes());
    }

    @Test
    void aBatchAndAPoolRefuseUdpWhenAskedNotInsideTheRequest() throws Exception {
        String message = "Cannot connect to udp://127.0.0.1:53 here: udp:// carries datagrams, not a byte stream; "
                + "use UdpSocket.connect(\"udp://127.0.0.1:53\")";
        try (Batch<String> batch = Batch.open(Connector.tcp())) {
            refused(message, () -> batch.submit("udp://127.0.0.1:53", connection -> "never"));
        }
        try (ConnectionPool pool = ConnectionPool.create(Connector.tcp())) {
            refused(message, () -> pool.connect("udp://127.0.0.1:53"));
        }
    }

    @Test
    void udpApisRefuseOtherSchemesAndHostnamesToListenOn() {
        refused("UdpSocket connects to udp:// URIs, not tcp://127.0.0.1:53 (write udp://127.0.0.1:53)",
                () -> UdpSocket.connect("127.0.0.1:53"));
        refused("UdpServer listens on udp:// URIs, not tcp://127.0.0.1:0 (write udp://127.0.0.1:0)",
                () -> UdpServer.listen("tcp://127.0.0.1:0"));
        refused("Cannot listen on udp://example.com:0: 'example.com' is a hostname; listen on an IP address"
                + " (0.0.0.0, [::], 127.0.0.1) or localhost", () -> UdpServer.listen("udp://example.com:0"));
        refused("Invalid URI 'udp://127.0.0.1:0': port 0 is outside 1-65535 (0, any free port, is only for listening)",
                () -> UdpSocket.connect("udp://127.0.0.1:0"));
    }

    @Test
    void badOptionsAreRefusedNamingTheOptionAndTheValue() {
        refused("maxDatagramSize must be 1 to 65527 bytes, not 0", () -> UdpOptions.builder().maxDatagramSize(0));
        refused("maxDatagramSize must be 1 to 65527 bytes, not 65528", () -> UdpOptions.builder().maxDatagramSize(65_528));
        refused("receiveTimeout must be zero (none) or positive, not PT-1S",
                () -> UdpOptions.builder().receiveTimeout(Duration.ofSeconds(-1)));
        refused("maxConcurrentHandlers must be at least 1, not 0", () -> UdpOptions.builder().maxConcurrentHandlers(0));
        refused("receiveBufferSize must be 0 (the system's default) or positive, not -1",
                () -> UdpOptions.builder().receiveBufferSize(-1));
        refused("a datagram's sender must be a udp:// endpoint, not tcp://127.0.0.1:1",
                () -> Datagram.of(Endpoint.parse("tcp://127.0.0.1:1"), new byte[0]));
    }

    @Test
    void defaultsAreDocumented() {
        UdpOptions defaults = UdpOptions.defaults();
        assertEquals(Duration.ZERO, defaults.receiveTimeout());
        assertEquals(65_527, defaults.maxDatagramSize());
        assertEquals(256, defaults.maxConcurrentHandlers());
        assertEquals(0, defaults.receiveBufferSize());
    }

    @Test
    void aHostnameIsResolvedThroughTheResolverAndTheFirstSortedAddressIsUsed() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        Resolver resolver = (host, family) -> {
            asked.add(host + " " + family);
            return family == StandardProtocolFamily.INET
                    ? List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"))
                    : List.of();
        };
        try (UdpServer server = UdpServer.listen("udp://127.0.0.1:0");
                UdpSocket socket = UdpSocket.connect("udp://service.test:" + server.address().port(),
                        UdpOptions.builder().resolver(resolver).receiveTimeout(Duration.ofSeconds(20)).build())) {
            assertEquals(server.address(), socket.remoteAddress());
            socket.send(new byte[] {42});
            Datagram datagram = server.receive();
            server.send(datagram.sender(), datagram.payload());
            assertArrayEquals(new byte[] {42}, socket.receive());
        }
        assertEquals(Set.of("service.test INET", "service.test INET6"), Set.copyOf(asked));
    }

    @Test
    void aResolverThatAnswersNoAddressIsAnUnknownHostNamingTheUri() {
        // Resolver.lookup(host) promises never to be empty; a resolver of the application's may break that.
        Resolver nothing = new Resolver() {
            @Override
            public List<InetAddress> lookup(String host, StandardProtocolFamily family) {
                return List.of();
            }

            @Override
            public List<InetAddress> lookup(String host) {
                return List.of();
            }
        };
        java.net.UnknownHostException e = assertThrows(java.net.UnknownHostException.class,
                () -> UdpSocket.connect("udp://service.test:53", UdpOptions.builder().resolver(nothing).build()));
        assertEquals("Connecting a UDP socket to udp://service.test:53 failed: service.test has no A or AAAA records"
                + " (the resolver answered no address)", e.getMessage());
    }

    @Test
    void aReceiveTimeoutTooLongForNanosecondsIsAcceptedAndWaits() throws Exception {
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        UdpOptions patient = UdpOptions.builder().receiveTimeout(forever).build();
        try (UdpServer server = UdpServer.listen("udp://127.0.0.1:0", patient);
                UdpSocket socket = UdpSocket.connect("udp://127.0.0.1:" + server.address().port(), patient)) {
            assertEquals(forever, socket.receiveTimeout());
            assertEquals(forever, server.receiveTimeout());
            socket.setReceiveTimeout(Duration.ofDays(365 * 1_000_000_000L));
            server.setReceiveTimeout(forever);
            socket.send(new byte[] {42});
            Datagram datagram = server.receive();
            server.send(datagram.sender(), datagram.payload());
            assertArrayEquals(new byte[] {42}, socket.receive());
        }
    }

    @Test
    void aSocketConnectedToLocalhostReachesAServerListeningOnLocalhost() throws Exception {
        // The default resolver answers localhost with [::1, 127.0.0.1], ::1 first; listen binds 127.0.0.1.
        try (UdpServer server = UdpServer.listen("udp://localhost:0")) {
            for (String host : List.of("localhost", "LOCALHOST.", "db.localhost")) {
                try (UdpSocket socket = UdpSocket.connect("udp://" + host + ":" + server.address().port(),
                        UdpOptions.builder().receiveTimeout(Duration.ofSeconds(20)).build())) {
                    assertEquals(server.address(), socket.remoteAddress(), host);
                    socket.send(new byte[] {42});
                    Datagram datagram = server.receive();
                    server.send(datagram.sender(), datagram.payload());
                    assertArrayEquals(new byte[] {42}, socket.receive(), host);
                }
            }
        }
    }

    @Test
    void aFailedConnectReportsTheKernelsReasonWithTheUriAndKeepsItsType() {
        // Linux refuses both before sending anything: a broadcast address without SO_BROADCAST, and a
        // link-local IPv6 address without a scope (or, with no route at all, "Network is unreachable").
        for (String uri : List.of("udp://255.255.255.255:53", "udp://[fe80::1]:53")) {
            java.io.IOException e = assertThrows(java.io.IOException.class, () -> UdpSocket.connect(uri));
            Throwable cause = e.getCause();
            assertEquals(cause.getClass(), e.getClass(), uri + ": " + e);
            assertEquals("Connecting a UDP socket to " + uri + " failed: " + cause.getMessage(), e.getMessage());
        }
    }

    @Test
    void aDualStackServerSeesIpv4SendersAsIpv4AndAnswersThem() throws Exception {
        try (UdpServer server = UdpServer.listen("udp://[::]:0");
                UdpSocket socket = UdpSocket.connect("udp://127.0.0.1:" + server.address().port(),
                        UdpOptions.builder().receiveTimeout(Duration.ofSeconds(20)).build())) {
            socket.send(new byte[65_507]);
            Datagram datagram = server.receive();
            assertEquals(socket.localAddress(), datagram.sender());
            assertEquals("udp://127.0.0.1:" + socket.localAddress().port(), datagram.sender().toString());
            server.send(datagram.sender(), datagram.payload());
            assertEquals(65_507, socket.receive().length);
            assertThrows(IllegalArgumentException.class, () -> server.send(datagram.sender(), new byte[65_508]),
                    "an IPv4 receiver limits the size even from an IPv6 socket");
        }
    }

    @Test
    void sendingToAHostnameOrAnotherFamilyIsRefusedBeforeAnyIo() throws Exception {
        try (UdpServer server = UdpServer.listen("udp://127.0.0.1:0")) {
            refused("Cannot send to udp://example.com:53: 'example.com' is a hostname; a UdpServer sends to IP addresses"
                    + " (resolve it first, or use UdpSocket)", () -> server.send(Endpoint.parse("udp://example.com:53"), new byte[1]));
            refused("Cannot send to udp://[::1]:53 from " + server.address()
                    + ": an IPv4 server cannot reach an IPv6 address (listen on [::] to reach both)",
                    () -> server.send(Endpoint.parse("udp://[::1]:53"), new byte[1]));
            refused("UdpServer " + server.address() + " sends to udp:// endpoints, not tcp://127.0.0.1:53",
                    () -> server.send(Endpoint.parse("tcp://127.0.0.1:53"), new byte[1]));
        }
    }
}
