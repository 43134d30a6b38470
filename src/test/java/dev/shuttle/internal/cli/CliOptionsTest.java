package dev.shuttle.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Server;
import dev.shuttle.testing.NetworkTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The options of {@code connect} and {@code listen}: what they accept, refuse, and do. */
@NetworkTest
class CliOptionsTest {

    private record Run(int status, String out, String err) {}

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void durationsTakeAUnitOrSecondsAndNameTheOptionWhenMalformed() {
        assertEquals(Duration.ofMillis(500), DurationArgument.parse("--read-timeout", "500ms"));
        assertEquals(Duration.ofSeconds(10), DurationArgument.parse("--read-timeout", "10s"));
        assertEquals(Duration.ofMinutes(2), DurationArgument.parse("--read-timeout", "2m"));
        assertEquals(Duration.ofMillis(1500), DurationArgument.parse("--read-timeout", "1.5"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> DurationArgument.parse("--connect-timeout", "soon"));
        assertEquals("option '--connect-timeout' takes a duration such as 500ms, 10s, 2m or 1.5 (seconds), not 'soon'",
                bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DurationArgument.parse("--read-timeout", "-1s"));
        assertThrows(IllegalArgumentException.class, () -> DurationArgument.parse("--read-timeout", "30d"));
    }

    @Test
    void misusedOptionsExitTwoBeforeAnyConnect() {
        Run tlsOnTcp = run("", "connect", "--cafile", "ca.pem", "tcp://127.0.0.1:1");
        assertEquals(Main.USAGE, tlsOnTcp.status());
        assertTrue(tlsOnTcp.err().contains("option '--cafile' applies to tls:// only, not tcp://127.0.0.1:1"), tlsOnTcp.err());
        Run wrongFamily = run("", "connect", "-4", "tcp://[::1]:1");
        assertEquals(Main.USAGE, wrongFamily.status());
        assertTrue(wrongFamily.err().contains("tcp://[::1]:1 is an IPv6 address, but -4 asks for IPv4 only"), wrongFamily.err());
        Run both = run("", "connect", "-4", "-6", "tcp://localhost:1");
        assertEquals(Main.USAGE, both.status());
        assertTrue(both.err().contains("options '-4' and '-6' exclude each other"), both.err());
        Run badTimeout = run("", "connect", "--read-timeout", "forever", "tcp://127.0.0.1:1");
        assertEquals(Main.USAGE, badTimeout.status());
        assertTrue(badTimeout.err().contains("option '--read-timeout' takes a duration"), badTimeout.err());
        Run keyAlone = run("", "connect", "--key", "k.pem", "tls://127.0.0.1:1");
        assertEquals(Main.USAGE, keyAlone.status());
        assertTrue(keyAlone.err().contains("option '--key' needs '--cert'"), keyAlone.err());
        Run listenCafileOnTcp = run("", "listen", "--cafile", "ca.pem", "tcp://127.0.0.1:0");
        assertEquals(Main.USAGE, listenCafileOnTcp.status());
        Run listenWrongFamily = run("", "listen", "-6", "tcp://127.0.0.1:0");
        assertEquals(Main.USAGE, listenWrongFamily.status());
        assertTrue(listenWrongFamily.err().contains("is an IPv4 address, but -6 asks for IPv6 only"), listenWrongFamily.err());
    }

    @Test
    void minusSixAndMinusFourChooseTheFamilyOfAName() throws Exception {
        try (Server server = Server.listen("tcp://127.0.0.1:0")) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> connection.input().transferTo(connection.output()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            String uri = "tcp://localhost:" + server.address().port();
            Run six = run("x", "connect", "-6", "--verbose", uri);
            assertEquals(Main.FAILED, six.status(), six.err());
            assertTrue(six.err().contains("connecting to [::1]:"), six.err());
            assertTrue(!six.err().contains("connecting to 127.0.0.1"), six.err());
            Run four = run("x", "connect", "-4", "--verbose", uri);
            assertEquals(Main.OK, four.status(), four.err());
            assertEquals("x", four.out());
            assertTrue(!four.err().contains("connecting to [::1]"), four.err());
            assertTrue(four.err().contains("end of input: sent 1 bytes and half-closed the connection"), four.err());
            assertTrue(four.err().contains("the peer closed: received 1 bytes"), four.err());
            server.close();
            assertTrue(serving.join(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aReadTimeoutEndsAConnectToASilentPeerWithOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Server server = Server.listen("tcp://127.0.0.1:0")) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> release.await(30, TimeUnit.SECONDS));   // never answers nor closes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Run run = run("", "connect", "--read-timeout", "300ms", server.address().toString());
            release.countDown();
            assertEquals(Main.FAILED, run.status(), run.err());
            assertTrue(run.err().contains("shuttle connect: "), run.err());
            server.close();
            assertTrue(serving.join(Duration.ofSeconds(10)));
        }
    }

    @Test
    void atATerminalConnectEndsWhenThePeerClosesWithoutWaitingForInput() throws Exception {
        try (Server server = Server.listen("tcp://127.0.0.1:0");
                PipedOutputStream typing = new PipedOutputStream();
                PipedInputStream keyboard = new PipedInputStream(typing)) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> connection.output().write("bye\n".getBytes(StandardCharsets.US_ASCII)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = Main.run(new String[] {"connect", server.address().toString()}, keyboard,
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), true);
            assertEquals(Main.OK, status);
            assertEquals("bye\n", out.toString(StandardCharsets.UTF_8));
            server.close();
            assertTrue(serving.join(Duration.ofSeconds(10)));
        }
    }

    @Test
    void insecureSaysSoOnStandardError() {
        Run run = run("", "connect", "--insecure", "--connect-timeout", "2s", "tls://127.0.0.1:1");
        assertEquals(Main.FAILED, run.status());
        assertTrue(run.err().contains("WARNING: --insecure: the server's certificate and name are NOT verified"), run.err());
    }
}
