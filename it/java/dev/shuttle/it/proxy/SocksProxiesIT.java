package dev.shuttle.it.proxy;

import static dev.shuttle.it.proxy.EchoTarget.echo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.dropin.ShuttleSocketFactory;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.proxy.ProxyConnectors;
import dev.shuttle.proxy.ProxyOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.SocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SOCKS connectors against real SOCKS servers started on loopback: microsocks (SOCKS5, with
 * and without username/password) and Dante's danted (SOCKS5 and SOCKS4, with a rule that denies
 * one destination), with the failures those servers produce themselves.
 */
class SocksProxiesIT {
    private static final Connector DIRECT = Connector.tcp();
    private static final TlsCertificate LOCALHOST = TlsCertificate.selfSigned("localhost");

    private static EchoTarget echo;
    private static EchoTarget tlsEcho;
    private static ProxyPeer microsocks;
    private static ProxyPeer microsocksAuth;
    private static ProxyPeer danted;
    private static int deniedPort;

    @BeforeAll
    static void start() throws IOException {
        echo = EchoTarget.tcp();
        tlsEcho = EchoTarget.tls(LOCALHOST);
        deniedPort = ProxyPeer.freePort();
        microsocks = ProxyPeer.start("microsocks", ProxyPeer.command(port ->
                List.of("microsocks", "-i", "127.0.0.1", "-p", Integer.toString(port))));
        microsocksAuth = ProxyPeer.start("microsocks-auth", ProxyPeer.command(port ->
                List.of("microsocks", "-i", "127.0.0.1", "-p", Integer.toString(port), "-u", "alice", "-P", "s3cret:pw")));
        danted = ProxyPeer.start("danted", (port, directory) -> {
            Path config = directory.resolve("danted-" + port + ".conf");
            Files.writeString(config, """
                    logoutput: stderr
                    internal: 127.0.0.1 port = %d
                    external: 127.0.0.1
                    clientmethod: none
                    socksmethod: none
                    user.privileged: root
                    user.unprivileged: nobody
                    client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }
                    socks block { from: 0.0.0.0/0 to: 127.0.0.1/32 port = %d log: error }
                    socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 protocol: tcp }
                    """.formatted(port, deniedPort));
            return List.of(danted(), "-f", config.toString(), "-p", directory.resolve("danted-" + port + ".pid").toString());
        });
    }

    private static String danted() {
        return Files.isExecutable(Path.of("/usr/sbin/danted")) ? "/usr/sbin/danted" : "danted";
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable peer : new AutoCloseable[] {microsocks, microsocksAuth, danted, echo, tlsEcho}) {
            if (peer != null) {
                peer.close();
            }
        }
    }

    @Test
    void microsocksTunnelsToAnAddressAndToANameItResolvesItself() throws IOException {
        Connector connector = ProxyConnectors.through("socks5://" + microsocks.address(), DIRECT);
        try (Connection connection = connector.connect("tcp://127.0.0.1:" + echo.port())) {
            assertEquals("hello", echo(connection, "hello"));
        }
        try (Connection connection = connector.connect("tcp://localhost:" + echo.port())) {
            assertEquals("by name", echo(connection, "by name"));
            assertEquals("tcp://localhost:" + echo.port(), connection.remoteAddress().toString());
        }
    }

    @Test
    void microsocksWithAPasswordLetsTheRightOneInAndRefusesTheOthers() throws IOException {
        String target = "tcp://127.0.0.1:" + echo.port();
        try (Connection connection = ProxyConnectors.through("socks5://alice:s3cret%3Apw@" + microsocksAuth.address(), DIRECT)
                .connect(target)) {
            assertEquals("authenticated", echo(connection, "authenticated"));
        }
        ConnectException wrong = assertThrows(ConnectException.class,
                () -> ProxyConnectors.through("socks5://alice:wrong-secret@" + microsocksAuth.address(), DIRECT).connect(target));
        assertTrue(wrong.getMessage().contains("the proxy refused the user name and password"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("wrong-secret"), wrong.getMessage());
        ConnectException none = assertThrows(ConnectException.class,
                () -> ProxyConnectors.through("socks5://" + microsocksAuth.address(), DIRECT).connect(target));
        assertTrue(none.getMessage().endsWith("the proxy requires authentication; give a user name and password in the proxy URI"),
                none.getMessage());
    }

    @Test
    void dantedTunnelsAndTlsRunsEndToEndForTheTargetsName() throws IOException {
        Connector connector = ProxyConnectors.through("socks5://" + danted.address(), DIRECT,
                ProxyOptions.builder().tls(TlsOptions.builder().trustCertificates(LOCALHOST.chain()).build()).build());
        try (Connection connection = connector.connect("tcp://127.0.0.1:" + echo.port())) {
            assertEquals("via dante", echo(connection, "via dante"));
        }
        try (Connection connection = connector.connect("tls://localhost:" + tlsEcho.port())) {
            assertEquals("secret stuff", echo(connection, "secret stuff"));
            assertEquals("tls://localhost:" + tlsEcho.port(), connection.remoteAddress().toString());
        }
    }

    @Test
    void dantedSpeaksSocks4Too() throws IOException {
        try (Connection connection = ProxyConnectors.through("socks4://" + danted.address(), DIRECT)
                .connect("tcp://127.0.0.1:" + echo.port())) {
            assertEquals("old school", echo(connection, "old school"));
        }
    }

    @Test
    void dantedsRuleDenyingADestinationIsNotAllowedByRuleset() {
        Connector connector = ProxyConnectors.through("socks5://" + danted.address(), DIRECT);
        ConnectException e = assertThrows(ConnectException.class, () -> connector.connect("tcp://127.0.0.1:" + deniedPort));
        assertEquals("Connection to tcp://127.0.0.1:" + deniedPort + " through socks5://" + danted.address()
                + " failed: the proxy's rules do not allow this connection (SOCKS5 reply 2)", e.getMessage(), danted.log());
    }

    @Test
    void aTargetThatRefusesIsConnectionRefusedFromTheProxy() throws IOException {
        int closed = ProxyPeer.freePort();
        for (ProxyPeer proxy : List.of(danted, microsocks)) {
            Connector connector = ProxyConnectors.through("socks5://" + proxy.address(), DIRECT);
            ConnectException e = assertThrows(ConnectException.class, () -> connector.connect("tcp://127.0.0.1:" + closed));
            assertTrue(e.getMessage().endsWith("failed: the target refused the proxy's connection (SOCKS5 reply 5)"),
                    e.getMessage() + "\n" + proxy.log());
        }
    }

    @Test
    void theDropInSocketFactoryOverAProxyConnectorTunnelsALibrarysSockets() throws IOException {
        for (ProxyPeer proxy : List.of(microsocks, danted)) {
            SocketFactory factory = ShuttleSocketFactory.over(ProxyConnectors.through("socks5://" + proxy.address(), DIRECT));
            try (Socket byName = factory.createSocket("localhost", echo.port());
                    Socket byAddress = factory.createSocket(InetAddress.getLoopbackAddress(), echo.port());
                    Socket unconnected = factory.createSocket()) {
                unconnected.connect(InetSocketAddress.createUnresolved("localhost", echo.port()), 10_000);
                for (Socket socket : List.of(byName, byAddress, unconnected)) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write("through a factory\n".getBytes(StandardCharsets.UTF_8));
                    assertEquals("through a factory\n",
                            new String(socket.getInputStream().readNBytes(18), StandardCharsets.UTF_8), proxy.log());
                    assertEquals(Integer.parseInt(proxy.address().substring(proxy.address().lastIndexOf(':') + 1)),
                            socket.getPort(), "the socket's peer is the proxy");
                }
            }
        }
        ConnectException denied = assertThrows(ConnectException.class, () -> ShuttleSocketFactory.over(
                ProxyConnectors.through("socks5://" + danted.address(), DIRECT)).createSocket("127.0.0.1", deniedPort));
        assertTrue(denied.getMessage().endsWith("the proxy's rules do not allow this connection (SOCKS5 reply 2)"),
                denied.getMessage());
    }
}
