package dev.shuttle.transport;

import dev.shuttle.testing.Bounded;
import dev.shuttle.testing.Forked;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.frame.FrameReader;
import dev.shuttle.frame.FrameTooLargeException;
import dev.shuttle.frame.FrameWriter;
import dev.shuttle.frame.Framing;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Frames over real loopback connections, written once and run over each transport: every kind of
 * framing echoed by a framing server, a peer that writes one byte at a time, many frames in one
 * write, limits, end of stream and read timeouts.
 */
@NetworkTest
abstract class FramingScenarios {
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    /** {@return where to listen, with a free port or a fresh path} */
    abstract String listenUri() throws IOException;

    /** {@return the connector for this transport} */
    abstract Connector connector();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
        assertEquals(List.of(), errors);
    }

    /** Serves the handler on a virtual thread until the test ends; returns the server. */
    private Server serve(dev.shuttle.ConnectionHandler handler) throws IOException {
        Server server = Server.listen(listenUri(), ServerOptions.builder().errorHandler(errors::add).build());
        Thread serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve(handler);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        toClose.add(() -> {
            server.close();
            Bounded.join(serving);
        });
        return server;
    }

    private Connection connect(Server server) throws IOException {
        Connection connection = connector().connect(server.address().toString());
        toClose.add(connection);
        connection.setReadTimeout(Duration.ofSeconds(20)); // a broken reader fails the test instead of hanging it
        return connection;
    }

    /** Echoes every frame it reads, framed the same way, until the client's clean end. */
    private Server frameEcho(Framing framing) throws IOException {
        return serve(connection -> {
            FrameReader in = framing.reader(connection);
            FrameWriter out = framing.writer(connection);
            for (byte[] frame; (frame = in.readFrame()) != null; ) {
                out.writeFrame(frame);
            }
        });
    }

    private static List<Framing> everyKind() {
        return List.of(
                Framing.fixedLength(300),
                Framing.lines(),
                Framing.delimiter("\r\n"),
                Framing.delimiter(new byte[] {0}),
                Framing.lengthPrefix(1),
                Framing.lengthPrefix(2),
                Framing.lengthPrefix(4).withByteOrder(ByteOrder.LITTLE_ENDIAN),
                Framing.lengthPrefix(8).withLengthIncludingPrefix(true));
    }

    /** Frames that every framing of {@link #everyKind()} can carry (no 0, CR or LF inside; 300 bytes for fixed). */
    private static List<byte[]> payloads(Framing framing) {
        Random random = new Random(framing.toString().hashCode());
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int size = framing.toString().startsWith("fixedLength") ? 300 : random.nextInt(i % 5 == 0 ? 1 : 250);
            byte[] payload = new byte[size];
            for (int j = 0; j < size; j++) {
                payload[j] = (byte) ('a' + random.nextInt(26));
            }
            payloads.add(payload);
        }
        return payloads;
    }

    @Test
    void everyKindOfFramingRoundTripsThroughAFramingEchoServer() throws Exception {
        for (Framing framing : everyKind()) {
            Server server = frameEcho(framing);
            try (Connection connection = connector().connect(server.address().toString())) {
                connection.setReadTimeout(Duration.ofSeconds(20));
                FrameWriter out = framing.writer(connection);
                FrameReader in = framing.reader(connection);
                for (byte[] payload : payloads(framing)) {
                    out.writeFrame(payload);
                    assertArrayEquals(payload, in.readFrame(), framing.toString());
                }
                connection.shutdownOutput();
                assertNull(in.readFrame(), framing + ": the echo's end of stream is a clean end");
            }
        }
    }

    @Test
    void framesFromAPeerWritingOneByteAtATimeKeepTheirBoundaries() throws Exception {
        for (Framing framing : everyKind()) {
            List<byte[]> payloads = payloads(framing);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            FrameWriter encoder = framing.writer(wire);
            for (byte[] payload : payloads) {
                encoder.writeFrame(payload);
            }
            byte[] bytes = wire.toByteArray();
            Server server = serve(connection -> {
                for (byte b : bytes) {
                    connection.output().write(new byte[] {b});
                }
            });
            Connection connection = connect(server);
            FrameReader in = framing.reader(connection);
            for (byte[] payload : payloads) {
                assertArrayEquals(payload, in.readFrame(), framing.toString());
            }
            assertNull(in.readFrame(), framing.toString());
        }
    }

    @Test
    void manyFramesInOneWriteAreReadOneByOne() throws Exception {
        Framing framing = Framing.lengthPrefix(2);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) {
            framing.writer(wire).writeFrame(("frame " + i).getBytes(StandardCharsets.US_ASCII));
        }
        Server server = serve(connection -> connection.output().write(wire.toByteArray()));
        FrameReader in = framing.reader(connect(server));
        for (int i = 0; i < 1000; i++) {
            assertEquals("frame " + i, new String(in.readFrame(), StandardCharsets.US_ASCII));
        }
        assertNull(in.readFrame());
    }

    @Test
    void aLargeFrameRoundTrips() throws Exception {
        Framing framing = Framing.lengthPrefix(4).withMaxFrameSize(4 * 1024 * 1024);
        Server server = frameEcho(framing);
        byte[] payload = new byte[3 * 1024 * 1024];
        new Random(3).nextBytes(payload);
        Connection connection = connect(server);
        Forked writer = Forked.start(() -> framing.writer(connection).writeFrame(payload));
        assertArrayEquals(payload, framing.reader(connection).readFrame());
        writer.join(); // the writer's failure, if any, fails this test
    }

    @Test
    void aPeerAnnouncingAnOversizedFrameIsRefusedNamingItsAddress() throws Exception {
        Server server = serve(connection -> {
            connection.output().write(new byte[] {0x10, 0, 0, 0});
            connection.input().read();
        });
        Connection connection = connect(server);
        FrameReader in = Framing.lengthPrefix(4).reader(connection);
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, in::readFrame);
        assertEquals("Frame from " + connection.remoteAddress()
                + " of 268435456 bytes exceeds the maximum frame size of 1048576 bytes", e.getMessage());
    }

    @Test
    void aPeerClosingInsideAFrameIsAnEofSayingWhatWasMissing() throws Exception {
        Server server = serve(connection -> connection.output().write(new byte[] {0, 9, 'a', 'b'}));
        Connection connection = connect(server);
        FrameReader in = Framing.lengthPrefix(2).reader(connection);
        EOFException e = assertThrows(EOFException.class, in::readFrame);
        assertEquals("End of stream from " + connection.remoteAddress()
                + " inside a frame: 2 of its 9 bytes arrived, 7 missing", e.getMessage());
    }

    @Test
    void aReadTimeoutSurfacesAndTheReaderGoesOnWithTheSameFrame() throws Exception {
        CountDownLatch timedOut = new CountDownLatch(1);
        Server server = serve(connection -> {
            connection.output().write("hal".getBytes(StandardCharsets.US_ASCII));
            Bounded.await(timedOut);
            connection.output().write("f\nnext\n".getBytes(StandardCharsets.US_ASCII));
        });
        Connection connection = connect(server);
        connection.setReadTimeout(Duration.ofMillis(100));
        FrameReader in = Framing.lines().reader(connection);
        assertThrows(SocketTimeoutException.class, in::readFrame);
        timedOut.countDown();
        connection.setReadTimeout(Duration.ofSeconds(10));
        assertEquals("half", new String(in.readFrame(), StandardCharsets.US_ASCII));
        assertEquals("next", new String(in.readFrame(), StandardCharsets.US_ASCII));
        assertNull(in.readFrame());
    }

    @Test
    void aPeerStallingInsideALargeLengthPrefixedFrameTimesOutAndTheFrameGoesOnWhole() throws Exception {
        Framing framing = Framing.lengthPrefix(4);
        byte[] payload = new byte[300_000];
        new Random(5).nextBytes(payload);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        framing.writer(wire).writeFrame(payload);
        byte[] bytes = wire.toByteArray();
        int firstPart = 100_003;   // the prefix and part of the payload
        CountDownLatch timedOut = new CountDownLatch(1);
        Server server = serve(connection -> {
            connection.output().write(bytes, 0, firstPart);
            Bounded.await(timedOut);
            connection.output().write(bytes, firstPart, bytes.length - firstPart);
        });
        Connection connection = connect(server);
        connection.setReadTimeout(Duration.ofMillis(200));
        FrameReader in = framing.reader(connection);
        assertThrows(SocketTimeoutException.class, in::readFrame);
        timedOut.countDown();
        connection.setReadTimeout(Duration.ofSeconds(20));
        assertArrayEquals(payload, in.readFrame());
        assertNull(in.readFrame());
    }

    @Test
    void aReaderAndAWriterWorkTheSameConnectionFromTwoThreads() throws Exception {
        Framing framing = Framing.lengthPrefix(4);
        Server server = frameEcho(framing);
        Connection connection = connect(server);
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                FrameWriter out = framing.writer(connection);
                for (int i = 0; i < 2000; i++) {
                    out.writeFrame(Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
                }
                connection.shutdownOutput();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        FrameReader in = framing.reader(connection);
        int count = 0;
        for (byte[] frame; (frame = in.readFrame()) != null; count++) {
            assertEquals(Integer.toString(count), new String(frame, StandardCharsets.US_ASCII));
        }
        Bounded.join(writer);
        assertEquals(2000, count);
        assertTrue(connection.isOpen());
    }
}
