package dev.shuttle.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.frame.FrameReader;
import dev.shuttle.frame.FrameWriter;
import dev.shuttle.frame.Framing;
import dev.shuttle.testing.ChildJvm;
import dev.shuttle.testing.NetworkTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Framing under attack: 300 connections each send only a 4-byte length prefix announcing the
 * maximum frame size (1 MiB) and stall. The server runs in a child JVM with a 64 MiB heap; its
 * heap in use after a full collection must grow by far less than the 300 MiB announced, no handler
 * may run out of memory, and a good client must still be served.
 */
@NetworkTest
class FramingUnderAttackTest {
    private static final int ATTACKERS = 300;
    private static final long MIB = 1024 * 1024;
    /** Bounded: a few KiB per connection (socket, 8 KiB read buffer, virtual thread), nothing per announced byte. */
    private static final long MOST_GROWTH = 32 * MIB;

    private static final Framing FRAMING = Framing.lengthPrefix(4);

    /** The child server, spoken to through its standard input and output. */
    private record Child(Process process, PrintStream commands, BufferedReader replies, Path errors) implements AutoCloseable {
        static Child start() throws IOException {
            Path errors = Files.createTempFile("shuttle-frame-flood", ".err");
            Process process = ChildJvm.builder(List.of("-Xmx64m", "-XX:+UseSerialGC"), FrameFloodServer.class.getName())
                    .redirectError(errors.toFile()).start();
            return new Child(process, new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8),
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), errors);
        }

        String ask(String command) throws IOException {
            commands.println(command);
            return reply();
        }

        String reply() throws IOException {
            String line = replies.readLine();
            assertNotNull(line, "the child ended; its errors: " + Files.readString(errors));
            return line;
        }

        /** {@return the number after {@code name} in a status line} */
        long status(String name) throws IOException {
            String[] words = ask("status").split(" ");
            for (int i = 0; i < words.length - 1; i++) {
                if (words[i].equals(name)) {
                    return Long.parseLong(words[i + 1]);
                }
            }
            throw new AssertionError("no " + name + " in the status");
        }

        long heap() throws IOException {
            return Long.parseLong(ask("heap").substring("heap ".length()));
        }

        @Override
        public void close() throws IOException, InterruptedException {
            try {
                commands.println("quit");
                assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the child exits on quit");
                assertEquals(0, process.exitValue(), "child errors: " + Files.readString(errors));
            } finally {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                commands.close();
                replies.close();
                process.getErrorStream().close();
                Files.deleteIfExists(errors);
            }
        }
    }

    @Test
    void prefixesAnnouncingTheMaximumCostTheServerAlmostNothingAndAGoodClientIsStillServed(TestReporter report)
            throws Exception {
        List<Socket> attackers = new ArrayList<>();
        try (Child child = Child.start()) {
            String address = child.reply().substring("address ".length());
            URI uri = URI.create(address);
            try (Connection good = Connector.tcp().withTimeout(Duration.ofSeconds(10)).connect(address)) {
                good.setReadTimeout(Duration.ofSeconds(10));
                FrameWriter out = FRAMING.writer(good);
                FrameReader in = FRAMING.reader(good);
                assertEchoed(out, in, 1);
                long stalledBefore = child.status("stalled");
                long heapBefore = child.heap();

                for (int i = 0; i < ATTACKERS; i++) {
                    Socket attacker = new Socket();
                    attackers.add(attacker);
                    attacker.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
                    attacker.getOutputStream().write(new byte[] {0, 0x10, 0, 0});   // 1 MiB, the maximum, then nothing
                }
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                        .until(() -> child.status("stalled") >= stalledBefore + ATTACKERS
                                || child.status("outOfMemory") > 0 || child.status("failures") > 0);

                assertEchoed(out, in, 2);
                long growth = child.heap() - heapBefore;
                report.publishEntry("heap growth in KiB, " + ATTACKERS + " stalled prefixes", Long.toString(growth / 1024));
                assertEquals(0, child.status("outOfMemory"), "handlers that ran out of memory");
                assertEquals(0, child.status("failures"), "errors the server reported");
                assertTrue(growth < MOST_GROWTH, ATTACKERS + " prefixes announcing 1 MiB each grew the heap by "
                        + growth / 1024 + " KiB");
            }
        } finally {
            for (Socket attacker : attackers) {
                attacker.close();
            }
        }
    }

    private static void assertEchoed(FrameWriter out, FrameReader in, int seed) throws IOException {
        byte[] payload = new byte[10_000];
        new Random(seed).nextBytes(payload);
        out.writeFrame(payload);
        assertArrayEquals(payload, in.readFrame(), "the good client's frame, echoed");
    }
}
