package dev.shuttle.transport;

import dev.shuttle.testing.Bounded;
import dev.shuttle.Connection;
import dev.shuttle.frame.FrameReader;
import dev.shuttle.frame.FrameWriter;
import dev.shuttle.frame.Framing;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child program for {@link FramingUnderAttackTest}: a length-prefixed frame echo server (4-byte
 * prefix, 1 MiB maximum) that answers commands on standard input, one line each on standard
 * output: {@code status} ({@code stalled N failures N outOfMemory N}: connections whose reader
 * consumed exactly a 4-byte prefix and is reading again, errors the server reported, and
 * {@link OutOfMemoryError}s in handlers), {@code heap} ({@code heap BYTES}: the heap in use after
 * a full collection), {@code quit}. Its first line is {@code address tcp://...}.
 */
public final class FrameFloodServer {
    private static final Framing FRAMING = Framing.lengthPrefix(4);

    private static final AtomicInteger stalled = new AtomicInteger();
    private static final AtomicInteger failures = new AtomicInteger();
    private static final AtomicInteger outOfMemory = new AtomicInteger();

    private FrameFloodServer() {}

    /**
     * Runs the server until {@code quit} or the end of standard input.
     *
     * @param args none
     * @throws Exception anything, which fails the child and so the test
     */
    public static void main(String[] args) throws Exception {
        ServerOptions options = ServerOptions.builder().backlog(1024).errorHandler(error -> failures.incrementAndGet()).build();
        try (Server server = Server.listen("tcp://127.0.0.1:0", options)) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(FrameFloodServer::echo);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            say("address " + server.address());
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command; (command = commands.readLine()) != null && !command.equals("quit"); ) {
                say(switch (command) {
                    case "status" -> "stalled " + stalled + " failures " + failures + " outOfMemory " + outOfMemory;
                    case "heap" -> "heap " + heapAfterFullCollection();
                    default -> "unknown command " + command;
                });
            }
            server.close();
            Bounded.join(serving);
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void echo(Connection connection) {
        try {
            FrameReader in = FRAMING.reader(new PrefixWatch(connection.input()));
            FrameWriter out = FRAMING.writer(connection);
            for (byte[] frame; (frame = in.readFrame()) != null; ) {
                out.writeFrame(frame);
            }
        } catch (OutOfMemoryError e) {
            outOfMemory.incrementAndGet();
        } catch (IOException e) {
            // The test closed the connection inside a frame.
        }
    }

    private static long heapAfterFullCollection() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Counts its connection as stalled when its reader reads again after exactly a length prefix. */
    private static final class PrefixWatch extends FilterInputStream {
        private long consumed;
        private boolean counted;

        PrefixWatch(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (consumed == 4 && !counted) {
                counted = true;
                stalled.incrementAndGet();
            }
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                consumed += n;
            }
            return n;
        }
    }
}
