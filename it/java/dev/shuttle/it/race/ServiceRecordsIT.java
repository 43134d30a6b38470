package dev.shuttle.it.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.Connection;
import dev.shuttle.ConnectListener;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Endpoint;
import dev.shuttle.Resolver;
import dev.shuttle.ResolverOptions;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.ServiceEndpoint;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.it.dns.Dnsmasq;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Happy Eyeballs v3 end to end: dnsmasq serves HTTPS and SVCB records (wire format, through
 * {@code --dns-rr}) next to A records, and Shuttle TLS servers listen on loopback on the ports and
 * with the ALPN ids the records announce. Nothing listens on the URI's own port: only a connect
 * that followed the record succeeds.
 */
@NetworkTest
class ServiceRecordsIT {
    private static final TlsCertificate CERTIFICATE = TlsCertificate.selfSigned("svc.test", "h1.test", "hinted.test", "echo.test");
    private static Server h2Server;
    private static Server plainServer;
    private static List<Thread> serving = new CopyOnWriteArrayList<>();
    private static Dnsmasq dnsmasq;
    private static int deadPort;

    @BeforeAll
    static void start() throws Exception {
        h2Server = serve("tls://127.0.0.1:0", ServerOptions.builder()
                .tls(TlsServerOptions.builder().certificate(CERTIFICATE).applicationProtocols("h2", "http/1.1").build()).build());
        plainServer = serve("tcp://127.0.0.1:0", ServerOptions.defaults());
        try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.ofLiteral("127.0.0.1"))) {
            deadPort = closed.getLocalPort(); // nothing listens there once closed
        }
        int h2 = h2Server.address().port();
        dnsmasq = Dnsmasq.start(60, List.of(), List.of(
                // svc.test HTTPS 1 . alpn=h2 no-default-alpn port=<h2>
                "--dns-rr=svc.test,65," + hex("0001" + "00" + "0001" + "0003" + "026832" + "0002" + "0000" + "0003" + "0002" + port(h2)),
                // hinted.test HTTPS 1 target.test alpn=h2 port=<h2> ipv4hint=127.0.0.1; target.test has no address records
                "--dns-rr=hinted.test,65," + hex("0001" + "06746172676574" + "0474657374" + "00" + "0001" + "0003" + "026832"
                        + "0003" + "0002" + port(h2) + "0004" + "0004" + "7f000001"),
                // h1.test HTTPS 1 . alpn=http/1.1 port=<h2>: the server would rather speak h2
                "--dns-rr=h1.test,65," + hex("0001" + "00" + "0001" + "0009" + "08687474702f312e31" + "0003" + "0002" + port(h2)),
                // gone.test HTTPS 0 . : the service is not available
                "--dns-rr=gone.test,65," + hex("0000" + "00"),
                // _<dead>._echo.echo.test SVCB 1 . port=<plain>
                "--dns-rr=_" + deadPort + "._echo.echo.test,64," + hex("0001" + "00" + "0003" + "0002" + port(plainServer.address().port()))),
                "svc.test,127.0.0.1", "h1.test,127.0.0.1", "gone.test,127.0.0.1", "echo.test,127.0.0.1");
    }

    private static String port(int port) {
        return String.format("%04x", port);
    }

    private static String hex(String hex) {
        return HexFormat.ofDelimiter(":").formatHex(HexFormat.of().parseHex(hex));
    }

    private static Server serve(String uri, ServerOptions options) throws IOException {
        Server server = Server.listen(uri, options);
        serving.add(Thread.ofVirtual().start(() -> {
            try {
                server.serve(connection -> connection.input().transferTo(connection.output()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        return server;
    }

    @AfterAll
    static void stop() throws Exception {
        dnsmasq.close();
        h2Server.close();
        plainServer.close();
        for (Thread thread : serving) {
            if (!thread.join(java.time.Duration.ofSeconds(60))) {
                throw new AssertionError("a test server's serve() did not end within 60 s after close: " + thread);
            }
        }
    }

    private static Connector connector(ConnectListener listener, ConnectorOptions.Builder more) {
        Resolver resolver = Resolver.dns(ResolverOptions.builder()
                .nameservers(List.of(dnsmasq.nameserver()))
                .useHostsFile(false)
                .searchDomains(List.of())
                .build());
        return Connector.create(more.resolver(resolver).listener(listener)
                .tls(TlsOptions.builder().trustCertificates(CERTIFICATE.chain()).applicationProtocols("h2", "http/1.1").build())
                .build());
    }

    private static void roundTrip(Connection connection) throws IOException {
        connection.output().write("ping".getBytes());
        connection.output().flush();
        assertEquals("ping", new String(connection.input().readNBytes(4)));
    }

    @Test
    void aTlsConnectOnPort443FollowsTheHttpsRecordToItsPortAndAlpn() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        ConnectListener listener = new ConnectListener() {
            @Override
            public void servicesAnswered(Endpoint endpoint, List<ServiceEndpoint> services) {
                heard.add("services " + services);
            }

            @Override
            public void attemptStarted(Endpoint endpoint, InetSocketAddress address, ServiceEndpoint service) {
                heard.add("attempt " + address.getPort() + " via " + service.priority());
            }
        };
        int h2 = h2Server.address().port();
        try (Connection connection = connector(listener, ConnectorOptions.builder()).connect("tls://svc.test:443")) {
            roundTrip(connection);
            assertEquals(h2, connection.remoteAddress().port());
            assertEquals("h2", connection.unwrap(SSLEngine.class).orElseThrow().getApplicationProtocol());
            ServiceEndpoint won = connection.unwrap(ServiceEndpoint.class).orElseThrow();
            assertEquals(h2, won.port().getAsInt());
            assertEquals(List.of("h2"), won.applicationProtocols());
        }
        assertEquals(List.of("services [1 svc.test alpn=h2 no-default-alpn port=" + h2 + "]", "attempt " + h2 + " via 1"), heard);
    }

    @Test
    void eachAttemptOffersTheAlpnIdsItsServiceSupports() throws Exception {
        try (Connection connection = connector(ConnectListener.NONE, ConnectorOptions.builder()).connect("tls://h1.test:443")) {
            roundTrip(connection);
            assertEquals("http/1.1", connection.unwrap(SSLEngine.class).orElseThrow().getApplicationProtocol(),
                    "the client speaks h2 too, and so does the server, but the record offers only http/1.1");
        }
    }

    @Test
    void anAddressHintReachesATargetThatHasNoAddressRecords() throws Exception {
        try (Connection connection = connector(ConnectListener.NONE, ConnectorOptions.builder()).connect("tls://hinted.test:443")) {
            roundTrip(connection);
            assertEquals("target.test", connection.unwrap(ServiceEndpoint.class).orElseThrow().targetName());
        }
    }

    @Test
    void anAliasModeRecordWithTargetDotFailsTheConnectSayingSo() {
        IOException failure = assertThrows(IOException.class,
                () -> connector(ConnectListener.NONE, ConnectorOptions.builder()).connect("tls://gone.test:443"));
        assertInstanceOf(ConnectException.class, failure);
        assertEquals("Connection to tls://gone.test:443 failed: its HTTPS record says the service is not available "
                + "(AliasMode with target \".\")", failure.getMessage());
    }

    @Test
    void withServiceRecordsOffTheRaceIsRfc8305AndTheDeadPortFails() {
        assertThrows(ConnectException.class, () -> connector(ConnectListener.NONE,
                ConnectorOptions.builder().serviceRecords(false)).connect("tls://svc.test:443").close());
    }

    @Test
    void aTcpConnectWithAServiceSchemeFollowsItsSvcbRecordToThePort() throws Exception {
        try (Connection connection = connector(ConnectListener.NONE, ConnectorOptions.builder().serviceScheme("echo"))
                .connect("tcp://echo.test:" + deadPort)) {
            roundTrip(connection);
            assertEquals(plainServer.address().port(), connection.remoteAddress().port());
        }
    }
}
