package dev.shuttle.proxy;

import static dev.shuttle.proxy.ScriptedProxy.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.testing.NetworkTest;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP CONNECT connector against scripted proxies. */
@NetworkTest
class HttpConnectConnectorTest {
    private static final Connector DIRECT = Connector.tcp();

    @Test
    void sendsConnectWithHostAndBasicAuthorizationAndKeepsTheBytesAfterTheHead() throws Exception {
        try (ScriptedProxy proxy = ScriptedProxy.start((in, out, socket) -> {
            String head = head(in);
            String credentials = Base64.getEncoder().encodeToString("alice:pa:ss word".getBytes(StandardCharsets.UTF_8));
            assertEquals("CONNECT [2001:db8::5]:443 HTTP/1.1\r\nHost: [2001:db8::5]:443\r\n"
                    + "Proxy-Authorization: Basic " + credentials + "\r\n\r\n", head);
            out.write("HTTP/1.1 200 Connection established\r\nVia: test\r\n\r\n220 smtp ready\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        })) {
            Connector connector = ProxyConnectors.through("http://alice:pa%3Ass%20word@" + proxy.address(), DIRECT);
            try (Connection connection = connector.connect("tcp://[2001:db8::5]:443")) {
                assertEquals("220 smtp ready\r\n",
                        new String(connection.input().readNBytes(16), StandardCharsets.US_ASCII));
            }
            assertTrue(proxy.finish());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "HTTP/1.1 407 Proxy Authentication Required|java.net.ConnectException|the proxy requires authentication; give a user name and password in the proxy URI ('HTTP/1.1 407 Proxy Authentication Required')",
        "HTTP/1.0 401 Unauthorized|java.net.ConnectException|the proxy requires authentication; give a user name and password in the proxy URI ('HTTP/1.0 401 Unauthorized')",
        "HTTP/1.0 403 Forbidden|java.net.ConnectException|the proxy does not allow this connection ('HTTP/1.0 403 Forbidden')",
        "HTTP/1.1 502 Bad Gateway|java.net.ConnectException|the proxy could not connect to the target ('HTTP/1.1 502 Bad Gateway')",
        "HTTP/1.1 504 Gateway Timeout|java.net.SocketTimeoutException|the proxy timed out reaching the target ('HTTP/1.1 504 Gateway Timeout')",
        "HTTP/1.1 500 Unable to connect|java.net.ConnectException|the proxy answered CONNECT with 'HTTP/1.1 500 Unable to connect'",
        "SSH-2.0-OpenSSH_9.2|java.net.ProtocolException|the proxy does not speak HTTP: it answered CONNECT with 'SSH-2.0-OpenSSH_9.2'",
    })
    void aStatusOtherThan2xxIsTheStandardExceptionWithItsStatusLine(String statusLine, String type, String reason) throws Exception {
        try (ScriptedProxy proxy = ScriptedProxy.start((in, out, socket) -> {
            head(in);
            out.write((statusLine + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        })) {
            IOException e = assertThrows(IOException.class,
                    () -> ProxyConnectors.through("http://" + proxy.address(), DIRECT).connect("tcp://example.com:80"));
            assertEquals(type, e.getClass().getName());
            assertEquals("Connection to tcp://example.com:80 through http://" + proxy.address() + " failed: " + reason,
                    e.getMessage());
            assertTrue(proxy.finish());
        }
    }

    @Test
    void refusedCredentialsAreSaidSoWithoutShowingThem() throws Exception {
        try (ScriptedProxy proxy = ScriptedProxy.start((in, out, socket) -> {
            head(in);
            out.write("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            ConnectException e = assertThrows(ConnectException.class,
                    () -> ProxyConnectors.through("http://bob:secret@" + proxy.address(), DIRECT).connect("tcp://example.com:80"));
            assertTrue(e.getMessage().endsWith("the proxy refused the user name and password ('HTTP/1.1 407 Proxy Authentication Required')"),
                    e.getMessage());
            SocksConnectorTest.assertNoSecret(e);
            assertTrue(proxy.finish());
        }
    }

    @Test
    void aProxyThatClosesMidAnswerOrAnswersWithoutEndIsNamed() throws Exception {
        try (ScriptedProxy proxy = ScriptedProxy.start((in, out, socket) -> {
            head(in);
            out.write("HTTP/1.1 200 OK\r\nVia".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
        })) {
            SocketException e = assertThrows(SocketException.class,
                    () -> ProxyConnectors.through("http://" + proxy.address(), DIRECT).connect("tcp://example.com:80"));
            assertTrue(e.getMessage().endsWith("the proxy closed the connection in the middle of its answer to CONNECT: 'HTTP/1.1 200 OK'"),
                    e.getMessage());
            assertTrue(proxy.finish());
        }
        try (ScriptedProxy proxy = ScriptedProxy.start((in, out, socket) -> {
            head(in);
            byte[] endless = new byte[40_000];
            java.util.Arrays.fill(endless, (byte) 'a');
            out.write("HTTP/1.1 200 OK\r\nX: ".getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(endless);
            } catch (IOException closedByClient) {
                // expected: the client gives up after 16 KiB
            }
        })) {
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> ProxyConnectors.through("http://" + proxy.address(), DIRECT).connect("tcp://example.com:80"));
            assertTrue(e.getMessage().contains("the proxy's answer to CONNECT is longer than 16384 bytes"), e.getMessage());
            proxy.finish();
        }
    }

    @Test
    void aSilentProxyTimesOut() throws Exception {
        try (ScriptedProxy proxy = ScriptedProxy.start((in, out, socket) -> head(in))) {
            ProxyOptions options = ProxyOptions.builder().connectTimeout(java.time.Duration.ofMillis(200)).build();
            assertThrows(SocketTimeoutException.class,
                    () -> ProxyConnectors.through("http://" + proxy.address(), DIRECT, options).connect("tcp://example.com:80"));
            assertTrue(proxy.finish());
        }
    }

    /** Reads a request head up to its blank line. */
    static String head(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) read(in, 1)[0]);
        }
        return head.toString();
    }
}
