package dev.shuttle.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Server;
import dev.shuttle.testing.ChildJvm;
import dev.shuttle.testing.NetworkTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The {@code shuttle} tool, run as a separate process as a user runs it. */
@NetworkTest
class CliTest {
    private static final String MAIN = Main.class.getName();

    @Test
    void helpPrintsUsageAndSucceeds() throws Exception {
        ChildJvm.Result result = ChildJvm.run("", MAIN, "--help");
        assertEquals(0, result.exitCode());
        assertTrue(result.out().contains("Usage: shuttle <command>"), result.out());
        ChildJvm.Result connectHelp = ChildJvm.run("", MAIN, "connect", "--help");
        assertEquals(0, connectHelp.exitCode());
        assertTrue(connectHelp.out().contains("Usage: shuttle connect"), connectHelp.out());
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhy() throws Exception {
        ChildJvm.Result none = ChildJvm.run("", MAIN);
        assertEquals(2, none.exitCode());
        ChildJvm.Result unknown = ChildJvm.run("", MAIN, "teleport");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown command 'teleport'"), unknown.err());
        ChildJvm.Result badUri = ChildJvm.run("", MAIN, "connect", "tcp://[::1:80");
        assertEquals(2, badUri.exitCode());
        assertTrue(badUri.err().contains("Invalid URI 'tcp://[::1:80': '[' opens an IPv6 address that no ']' closes"),
                badUri.err());
        ChildJvm.Result udp = ChildJvm.run("", MAIN, "connect", "udp://127.0.0.1:53");
        assertEquals(2, udp.exitCode());
        assertTrue(udp.err().contains("shuttle connect does not support udp:// (udp://127.0.0.1:53)"), udp.err());
        ChildJvm.Result udpListen = ChildJvm.run("", MAIN, "listen", "udp://127.0.0.1:0");
        assertEquals(2, udpListen.exitCode());
        assertTrue(udpListen.err().contains("shuttle listen does not support udp://"), udpListen.err());
        ChildJvm.Result badOption = ChildJvm.run("", MAIN, "listen", "--frobnicate", "tcp://127.0.0.1:0");
        assertEquals(2, badOption.exitCode());
        assertTrue(badOption.err().contains("unknown option '--frobnicate'"), badOption.err());
    }

    @Test
    void aRefusedConnectExitsWithOneAndNamesTheUri() throws Exception {
        int port;
        try (ServerSocket spare = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = spare.getLocalPort();
        }
        ChildJvm.Result result = ChildJvm.run("", MAIN, "connect", "tcp://127.0.0.1:" + port);
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("Connection to tcp://127.0.0.1:" + port + " failed: Connection refused"),
                result.err());
    }

    @Test
    void connectPipesStandardInputAndOutput() throws Exception {
        try (Server server = Server.listen("tcp://127.0.0.1:0")) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> {
                        byte[] request = connection.input().readAllBytes();
                        connection.output().write(("echo: " + new String(request, StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8));
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ChildJvm.Result result = ChildJvm.run("hello\n", MAIN, "connect", server.address().toString());
            assertEquals(0, result.exitCode(), result.err());
            assertEquals("echo: hello\n", result.out());
            server.close();
            assertTrue(serving.join(Duration.ofSeconds(10)));
        }
    }

    @Test
    void connectGoesThroughAProxyAndNeverPrintsItsPassword() throws Exception {
        try (Server proxy = Server.listen("tcp://127.0.0.1:0")) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    // An HTTP proxy that is its own target: it answers CONNECT, then echoes.
                    proxy.serve(connection -> {
                        StringBuilder head = new StringBuilder();
                        while (!head.toString().endsWith("\r\n\r\n")) {
                            head.append((char) connection.input().read());
                        }
                        boolean expected = head.toString().startsWith("CONNECT example.com:80 HTTP/1.1\r\n")
                                && head.toString().contains("Proxy-Authorization: Basic ");
                        connection.output().write((expected ? "HTTP/1.1 200 OK\r\n\r\n" : "HTTP/1.1 400 Bad\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        byte[] request = connection.input().readAllBytes();
                        connection.output().write(("echo: " + new String(request, StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8));
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            String proxyUri = "http://alice:s3cret@127.0.0.1:" + proxy.address().port();
            ChildJvm.Result result = ChildJvm.run("hello\n", MAIN, "connect", "--proxy", proxyUri, "tcp://example.com:80");
            assertEquals(0, result.exitCode(), result.err());
            assertEquals("echo: hello\n", result.out());
            ChildJvm.Result bad = ChildJvm.run("", MAIN, "connect", "--proxy", "ftp://alice:s3cret@127.0.0.1:1", "tcp://example.com:80");
            assertEquals(2, bad.exitCode());
            assertTrue(bad.err().contains("Invalid proxy URI 'ftp://***@127.0.0.1:1'"), bad.err());
            assertTrue(!bad.err().contains("s3cret"), bad.err());
            proxy.close();
            assertTrue(serving.join(Duration.ofSeconds(10)));
        }
    }

    @Test
    void verboseConnectPrintsATimelineOfAnswersAndAttempts() throws Exception {
        try (Server server = Server.listen("tcp://127.0.0.1:0")) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> connection.input().transferTo(connection.output()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            int port = server.address().port();
            ChildJvm.Result result = ChildJvm.run("hi", MAIN, "connect", "--verbose", "tcp://localhost:" + port);
            assertEquals(0, result.exitCode(), result.err());
            assertEquals("hi", result.out());
            assertTrue(result.err().matches("(?s).*\\d+\\.\\d{3} ms  DNS AAAA localhost = ::1\n.*"), result.err());
            assertTrue(result.err().contains(" ms  DNS A localhost = 127.0.0.1\n"), result.err());
            assertTrue(result.err().contains(" ms  connected to 127.0.0.1:" + port + "\n"), result.err());
            server.close();
            assertTrue(serving.join(Duration.ofSeconds(10)));
        }
    }

    @Test
    void listenEchoesUntilStopped() throws Exception {
        Process process = ChildJvm.builder(MAIN, "listen", "tcp://127.0.0.1:0").start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
            String ready = err.readLine();
            assertTrue(ready != null && ready.startsWith("Listening on tcp://127.0.0.1:"), String.valueOf(ready));
            String address = ready.substring("Listening on ".length());
            try (Connection connection = Connector.tcp().connect(address)) {
                connection.output().write("ping".getBytes(StandardCharsets.UTF_8));
                connection.shutdownOutput();
                assertEquals("ping", new String(connection.input().readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            process.getErrorStream().close();
            process.getInputStream().close();
            process.getOutputStream().close();
        }
    }

    @Test
    void demoRunsOnLoopbackAlone() throws Exception {
        ChildJvm.Result result = ChildJvm.run("", MAIN, "demo");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("echo \"hello over tcp\""), result.out());
        assertTrue(result.out().contains("echo \"hello over unix\""), result.out());
        assertTrue(result.out().contains("A batch of 6 requests, 2 at a time, through a pool of at most 2 connections: "
                + "[ONE, TWO, THREE, FOUR, FIVE, SIX]"), result.out());
        assertTrue(result.out().contains("Pool afterwards: Stats[idle=2, inUse=0, waiting=0]"), result.out());
        assertTrue(result.out().contains("Servers closed; every handler finished."), result.out());
    }
}
