package dev.shuttle.proxy;

import static dev.shuttle.proxy.ScriptedProxy.bytes;
import static dev.shuttle.proxy.ScriptedProxy.read;
import static dev.shuttle.proxy.ScriptedProxy.socks5Success;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Resolver;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SOCKS5 and SOCKS4a connectors against scripted proxies: the bytes they send, and every answer. */
@NetworkTest
class SocksConnectorTest {
    private static final Connector DIRECT = Connector.tcp();

    @Test
    void socks5SendsTheHostnameForTheProxyToResolveAndTheTunnelCarriesBytesBothWays() throws Exception {
        try (ScriptedProxy proxy = ScriptedProxy.start((in, out, socket) -> {
            assertArrayEquals(bytes(5, 1, 0), read(in, 3), "greeting: version 5, one method, no authentication");
            out.write(bytes(5, 0));
            byte[] name = "example.com".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(bytes(5, 1, 0, 3, name.length), read(in, 5));
            assertArrayEquals(name, read(in, name.length));
            assertArrayEquals(bytes(0, 80), read(in, 2));
            // The reply and the target's first bytes in one write: none may be lost.
            out.write(concat(socks5Success(), "banner\n".getBytes(StandardCharsets.US_ASCII)));
            assertEquals('x', in.read());
            out.write('y');
        })) {
            Connector connector = ProxyConnectors.through("socks5://" + proxy.address(), DIRECT);
            try (Connection connection = connector.connect("tcp://example.com:80")) {
                assertEquals("tcp://example.com:80", connection.remoteAddress().toString());
                assertEquals("banner\n", new String(connection.input().readNBytes(7), StandardCharsets.US_ASCII));
                connection.output().write('x');
                connection.output().flush();
                assertEquals('y', connection.input().read());
            }
            assertTrue(proxy.finish(), "the client closed the tunnel");
        }
    }

    @Test
    void socks5AuthenticatesWithThePercentDecodedUserNameAndPassword() throws Exception {
        try (ScriptedProxy proxy = ScriptedProxy.start((in, out, socket) -> {
            assertArrayEquals(bytes(5, 2, 0, 2), read(in, 4), "offers no authentication and username/password");
            out.write(bytes(5, 2));
            assertArrayEquals(bytes(1, 5), read(in, 2));
            assertEquals("al:ce", new String(read(in, 5), StandardCharsets.UTF_8));
            int length = in.read();
            assertEquals("p@ss wörd", new String(read(in, length), StandardCharsets.UTF_8));
            out.write(bytes(1, 0));
            read(in, 10); // IPv4 request
            out.write(socks5Success());
        })) {
            Connector connector = ProxyConnectors.through("socks5://al%3Ace:p%40ss%20w%C3%B6rd@" + proxy.address(), DIRECT);
            assertFalse(connector.toString().contains("%40"), connector.toString());
            assertFalse(connector.toString().contains("al%3A"), connector.toString());
            connector.connect("tcp://192.0.2.1:443").close();
            assertTrue(proxy.finish());
        }
    }

    @Test
    void aRefusedPasswordIsAConnectExceptionThatNeverShowsTheCredentials() throws Exception {
        try (ScriptedProxy proxy = ScriptedProxy.start((in, out, socket) -> {
            read(in, 4);
            out.write(bytes(5, 2));
            read(in, 2 + 5 + 1 + 6);
            out.write(bytes(1, 1));
        })) {
            Connector connector = ProxyConnectors.through("socks5://alice:secret@" + proxy.address(), DIRECT);
            ConnectException e = assertThrows(ConnectException.class, () -> connector.connect("tcp://example.com:80"));
            assertEquals("Connection to tcp://example.com:80 through socks5://" + proxy.address()
                    + " failed: the proxy refused the user name and password (RFC 1929 status 1)", e.getMessage());
            assertNoSecret(e);
            assertTrue(proxy.finish(), "the connection to the proxy was closed");
        }
    }

    @Test
    void aProxyThatWantsAuthenticationFromAClientWithoutCredentialsSaysSo() throws Exception {
        try (ScriptedProxy proxy = ScriptedProxy.start((in, out, socket) -> {
            read(in, 3);
            out.write(bytes(5, 0xFF));
        })) {
            ConnectException e = assertThrows(ConnectException.class,
                    () -> ProxyConnectors.through("socks5://" + proxy.address(), DIRECT).connect("tcp://example.com:80"));
            assertTrue(e.getMessage().endsWith("the proxy requires authentication; give a user name and password in the proxy URI"),
                    e.getMessage());
            assertTrue(proxy.finish());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "1, java.net.SocketException, the proxy reported a general SOCKS server failure (SOCKS5 reply 1)",
        "2, java.net.ConnectException, the proxy's rules do not allow this connection (SOCKS5 reply 2)",
        "3, java.net.NoRouteToHostException, the proxy cannot reach the target's network (SOCKS5 reply 3)",
        "4, java.net.NoRouteToHostException, the proxy cannot reach the target host (SOCKS5 reply 4)",
        "5, java.net.ConnectException, the target refused the proxy's connection (SOCKS5 reply 5)",
        "6, java.net.NoRouteToHostException, the TTL expired on the way to the target (SOCKS5 reply 6)",
        "7, java.net.ProtocolException, the proxy does not support the CONNECT command (SOCKS5 reply 7)",
        "8, java.net.ProtocolException, the proxy does not support this address type (SOCKS5 reply 8)",
        "9, java.net.ProtocolException, the proxy answered with unknown SOCKS5 reply code 9",
    })
    void everySocks5ReplyCodeIsTheStandardExceptionWithTheReasonInWords(int code, String type, String reason) throws Exception {
        try (ScriptedProxy proxy = ScriptedProxy.start((in, out, socket) -> {
            read(in, 4);
            out.write(bytes(5, 2));
            read(in, 5); // version, "u", "p"
            out.write(bytes(1, 0));
            read(in, 4 + 16 + 2); // IPv6 request
            out.write(bytes(5, code, 0, 1, 0, 0, 0, 0, 0, 0));
        })) {
            Connector connector = ProxyConnectors.through("socks5://u:p@" + proxy.address(), DIRECT);
            IOException e = assertThrows(IOException.class, () -> connector.connect("tcp://[2001:db8::1]:25"));
            assertEquals(type, e.getClass().getName());
            assertEquals("Connection to tcp://[2001:db8::1]:25 through socks5://" + proxy.address() + " failed: " + reason,
                    e.getMessage());
            assertTrue(proxy.finish());
        }
    }

    @Test
    void localResolutionSendsTheAddressTheResolverGave() throws Exception {
        try (ScriptedProxy proxy = ScriptedProxy.start((in, out, socket) -> {
            read(in, 3);
            out.write(bytes(5, 0));
            assertArrayEquals(bytes(5, 1, 0, 1, 192, 0, 2, 7, 0x01, 0xBB), read(in, 10));
            out.write(socks5Success());
        })) {
            Resolver resolver = (host, family) -> {
                assertEquals("app.test", host);
                return List.of(InetAddress.getByName("192.0.2.7"));
            };
            ProxyOptions options = ProxyOptions.builder().localResolution(resolver).build();
            ProxyConnectors.through("socks5://" + proxy.address(), DIRECT, options).connect("tcp://app.test:443").close();
            assertTrue(proxy.finish());
        }
    }

    @Test
    void aProxyThatClosesOrSpeaksHttpIsNamedAsSuch() throws Exception {
        try (ScriptedProxy proxy = ScriptedProxy.start((in, out, socket) -> {
            read(in, 3);
            socket.shutdownOutput();
        })) {
            SocketException e = assertThrows(SocketException.class,
                    () -> ProxyConnectors.through("socks5://" + proxy.address(), DIRECT).connect("tcp://example.com:80"));
            assertTrue(e.getMessage().endsWith("failed: the proxy closed the connection instead of choosing a SOCKS5 authentication method"),
                    e.getMessage());
            assertTrue(proxy.finish());
        }
        try (ScriptedProxy proxy = ScriptedProxy.start((in, out, socket) -> {
            read(in, 3);
            out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> ProxyConnectors.through("socks5://" + proxy.address(), DIRECT).connect("tcp://example.com:80"));
            assertTrue(e.getMessage().endsWith("the proxy answered like an HTTP server, not a SOCKS5 proxy; use an http:// proxy URI"),
                    e.getMessage());
            assertTrue(proxy.finish());
        }
    }

    @Test
    void theConnectTimeoutCoversAProxyThatNeverAnswers() throws Exception {
        try (ScriptedProxy proxy = ScriptedProxy.start((in, out, socket) -> read(in, 3))) {
            ProxyOptions options = ProxyOptions.builder().connectTimeout(Duration.ofMillis(300)).build();
            Connector connector = ProxyConnectors.through("socks5://" + proxy.address(), DIRECT, options);
            long start = System.nanoTime();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> connector.connect("tcp://example.com:80"));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
            assertTrue(e.getMessage().startsWith("Connection to tcp://example.com:80 timed out"), e.getMessage());
            assertTrue(proxy.finish(), "the connection to the silent proxy was closed");
        }
    }

    @Test
    void socks4aSendsTheUserIdAndTheHostnameAndNamesItsReplies() throws Exception {
        try (ScriptedProxy proxy = ScriptedProxy.start((in, out, socket) -> {
            assertArrayEquals(bytes(4, 1, 0, 80, 0, 0, 0, 1), read(in, 8));
            assertArrayEquals("bob\0example.com\0".getBytes(StandardCharsets.US_ASCII), read(in, 16));
            out.write(bytes(0, 90, 0, 0, 0, 0, 0, 0));
            out.write('!');
        })) {
            try (Connection c = ProxyConnectors.through("socks4a://bob@" + proxy.address(), DIRECT).connect("tcp://example.com:80")) {
                assertEquals('!', c.input().read());
            }
            assertTrue(proxy.finish());
        }
        try (ScriptedProxy proxy = ScriptedProxy.start((in, out, socket) -> {
            read(in, 8 + 1); // the address and an empty user id
            out.write(bytes(0, 91, 0, 0, 0, 0, 0, 0));
        })) {
            ConnectException e = assertThrows(ConnectException.class,
                    () -> ProxyConnectors.through("socks4://" + proxy.address(), DIRECT).connect("tcp://192.0.2.1:80"));
            assertTrue(e.getMessage().endsWith("the proxy rejected the request or could not reach the target (SOCKS4 reply 91)"),
                    e.getMessage());
            assertTrue(proxy.finish());
        }
        IllegalArgumentException v6 = assertThrows(IllegalArgumentException.class,
                () -> ProxyConnectors.through("socks4a://127.0.0.1:9", DIRECT).connect("tcp://[::1]:80"));
        assertTrue(v6.getMessage().contains("SOCKS4a carries IPv4 addresses only"), v6.getMessage());
    }

    @Test
    void anUnreachableProxyFailsAsTheConnectorToItFails() {
        ConnectException e = assertThrows(ConnectException.class,
                () -> ProxyConnectors.through("socks5://user:secret@127.0.0.1:1", DIRECT).connect("tcp://example.com:80"));
        assertEquals("Connection to tcp://example.com:80 through socks5://127.0.0.1:1 failed: the proxy cannot be reached: "
                + "Connection to tcp://127.0.0.1:1 failed: Connection refused", e.getMessage());
        assertNoSecret(e);
    }

    @Test
    void unsupportedTargetsAreRefusedBeforeAnyIo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProxyConnectors.through("socks5://127.0.0.1:9", DIRECT).connect("unix:///tmp/x.sock"));
        assertTrue(e.getMessage().contains("a proxy tunnels tcp:// and tls:// connections only"), e.getMessage());
    }

    static void assertNoSecret(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("secret"), t.getMessage());
            for (Throwable s : t.getSuppressed()) {
                assertNoSecret(s);
            }
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @SuppressWarnings("unused")
    private static Class<?>[] types = {NoRouteToHostException.class, InstanceHolder.class};

    private static final class InstanceHolder {
        static {
            assertInstanceOf(Object.class, new Object());
        }
    }
}
