package dev.shuttle.it.proxy;

import static dev.shuttle.it.proxy.EchoTarget.echo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.proxy.ProxyConnectors;
import dev.shuttle.proxy.ProxyOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP CONNECT connector against tinyproxy started on loopback, with and without Basic
 * authentication, and the statuses tinyproxy answers itself: a port its ConnectPort rules deny,
 * refused credentials, a target that refuses.
 */
class HttpProxiesIT {
    private static final Connector DIRECT = Connector.tcp();
    private static final TlsCertificate LOCALHOST = TlsCertificate.selfSigned("localhost");

    private static EchoTarget echo;
    private static EchoTarget tlsEcho;
    private static int refusingPort;
    private static ProxyPeer open;
    private static ProxyPeer withAuth;

    @BeforeAll
    static void start() throws IOException {
        echo = EchoTarget.tcp();
        tlsEcho = EchoTarget.tls(LOCALHOST);
        refusingPort = ProxyPeer.freePort();
        open = tinyproxy("");
        withAuth = tinyproxy("BasicAuth alice s3cret\n");
    }

    /** A tinyproxy that lets CONNECT reach the echo servers and the refusing port only. */
    private static ProxyPeer tinyproxy(String extra) throws IOException {
        return ProxyPeer.start("tinyproxy", (port, directory) -> {
            Path config = directory.resolve("tinyproxy-" + port + ".conf");
            Files.writeString(config, """
                    Port %d
                    Listen 127.0.0.1
                    Timeout 10
                    Allow 127.0.0.1
                    MaxClients 20
                    LogLevel Info
                    ConnectPort %d
                    ConnectPort %d
                    ConnectPort %d
                    %s""".formatted(port, echo.port(), tlsEcho.port(), refusingPort, extra));
            return List.of("tinyproxy", "-d", "-c", config.toString());
        });
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable peer : new AutoCloseable[] {open, withAuth, echo, tlsEcho}) {
            if (peer != null) {
                peer.close();
            }
        }
    }

    @Test
    void tunnelsToAnAddressAndANameAndRunsTlsEndToEnd() throws IOException {
        Connector connector = ProxyConnectors.through("http://" + open.address(), DIRECT,
                ProxyOptions.builder().tls(TlsOptions.builder().trustCertificates(LOCALHOST.chain()).build()).build());
        try (Connection connection = connector.connect("tcp://127.0.0.1:" + echo.port())) {
            assertEquals("hello", echo(connection, "hello"));
        }
        try (Connection connection = connector.connect("tls://localhost:" + tlsEcho.port())) {
            assertEquals("over tls", echo(connection, "over tls"));
        }
    }

    @Test
    void basicAuthenticationLetsTheRightPasswordInAndRefusesTheOthers() throws IOException {
        String target = "tcp://127.0.0.1:" + echo.port();
        try (Connection connection = ProxyConnectors.through("http://alice:s3%63ret@" + withAuth.address(), DIRECT)
                .connect(target)) {
            assertEquals("authenticated", echo(connection, "authenticated"));
        }
        ConnectException wrong = assertThrows(ConnectException.class,
                () -> ProxyConnectors.through("http://alice:wrong-secret@" + withAuth.address(), DIRECT).connect(target));
        assertTrue(wrong.getMessage().contains("the proxy refused the user name and password "),
                wrong.getMessage());
        assertFalse(wrong.getMessage().contains("wrong-secret"));
        ConnectException none = assertThrows(ConnectException.class,
                () -> ProxyConnectors.through("http://" + withAuth.address(), DIRECT).connect(target));
        assertTrue(none.getMessage().contains("the proxy requires authentication"), none.getMessage());
    }

    @Test
    void aPortTheProxyDoesNotAllowIsRefusedWithItsStatusLine() throws IOException {
        int denied = ProxyPeer.freePort();
        ConnectException e = assertThrows(ConnectException.class,
                () -> ProxyConnectors.through("http://" + open.address(), DIRECT).connect("tcp://127.0.0.1:" + denied));
        assertEquals("Connection to tcp://127.0.0.1:" + denied + " through http://" + open.address()
                + " failed: the proxy does not allow this connection ('HTTP/1.1 403 Access violation')", e.getMessage());
    }

    @Test
    void aTargetThatRefusesIsTheProxysStatusLine() {
        ConnectException e = assertThrows(ConnectException.class,
                () -> ProxyConnectors.through("http://" + open.address(), DIRECT).connect("tcp://127.0.0.1:" + refusingPort));
        assertTrue(e.getMessage().contains("failed: the proxy answered CONNECT with 'HTTP/1.1 500 Unable to connect'"),
                e.getMessage() + "\n" + open.log());
    }
}
