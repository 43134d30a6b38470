package dev.shuttle.frames;

import dev.shuttle.testing.Bounded;
import static dev.shuttle.frames.FrameReaderTest.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.frame.FrameWriter;
import dev.shuttle.frame.Framing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frame writers: one write per frame, refusals before anything is written. */
class FrameWriterTest {

    /** Records each write call as one array. */
    static final class Writes extends OutputStream {
        final List<byte[]> calls = new ArrayList<>();
        int flushes;

        @Override
        public void write(int b) {
            throw new AssertionError("a frame writer must not write a byte at a time");
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            calls.add(java.util.Arrays.copyOfRange(bytes, offset, offset + length));
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void prefixAndPayloadGoOutInOneWriteAndAreFlushed() throws IOException {
        Writes out = new Writes();
        Framing.lengthPrefix(2).writer(out).writeFrame(ascii("xyz"));
        assertEquals(1, out.calls.size());
        assertArrayEquals(new byte[] {0, 3, 'x', 'y', 'z'}, out.calls.getFirst());
        assertEquals(1, out.flushes);
    }

    @Test
    void payloadAndDelimiterGoOutInOneWrite() throws IOException {
        Writes out = new Writes();
        FrameWriter writer = Framing.delimiter("\r\n").writer(out);
        writer.writeFrame(ascii("abc"));
        writer.writeFrame(ascii("0123456789"), 2, 3);
        assertEquals(List.of("abc\r\n", "234\r\n"), out.calls.stream().map(FrameReaderTest::text).toList());
    }

    @Test
    void largerFramesGoOutInTwoWritesNeverALonePrefixOrDelimiter() throws IOException {
        Writes prefixed = new Writes();
        byte[] payload = new byte[100_000];
        new java.util.Random(5).nextBytes(payload);
        Framing.lengthPrefix(4).writer(prefixed).writeFrame(payload);
        assertEquals(2, prefixed.calls.size());
        assertTrue(prefixed.calls.getFirst().length >= 8192);
        assertArrayEquals(new byte[] {0, 1, (byte) 0x86, (byte) 0xa0}, java.util.Arrays.copyOf(prefixed.calls.getFirst(), 4));
        assertRoundTrips(Framing.lengthPrefix(4), prefixed, payload);

        Writes delimited = new Writes();
        java.util.Arrays.fill(payload, (byte) 'x');
        Framing.lines().writer(delimited).writeFrame(payload);
        assertEquals(2, delimited.calls.size());
        assertTrue(delimited.calls.getLast().length >= 8192);
        assertRoundTrips(Framing.lines(), delimited, payload);

        Writes fixed = new Writes();
        Framing.fixedLength(100_000).writer(fixed).writeFrame(payload);
        assertEquals(1, fixed.calls.size());
    }

    private static void assertRoundTrips(Framing framing, Writes writes, byte[] payload) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (byte[] call : writes.calls) {
            wire.write(call);
        }
        assertArrayEquals(payload, framing.reader(new java.io.ByteArrayInputStream(wire.toByteArray())).readFrame());
    }

    @Test
    void aDelimiterLongerThanTheBufferGoesOutAfterEachPayload() throws IOException {
        byte[] delimiter = new byte[20_000];
        java.util.Arrays.fill(delimiter, (byte) '-');
        delimiter[0] = '#';
        Framing framing = Framing.delimiter(delimiter);
        byte[] large = new byte[30_000];
        java.util.Arrays.fill(large, (byte) 'x');
        Writes out = new Writes();
        FrameWriter writer = framing.writer(out);
        writer.writeFrame(ascii("abc"));
        writer.writeFrame(new byte[0]);
        writer.writeFrame(large);
        assertEquals(3, out.flushes);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (byte[] call : out.calls) {
            assertTrue(call.length > 0, "no empty write");
            wire.write(call);
        }
        var reader = framing.reader(new java.io.ByteArrayInputStream(wire.toByteArray()));
        assertEquals("abc", FrameReaderTest.text(reader.readFrame()));
        assertArrayEquals(new byte[0], reader.readFrame());
        assertArrayEquals(large, reader.readFrame());
        assertEquals(null, reader.readFrame());
    }

    @Test
    void aFrameThatJustFitsGoesOutInOneWrite() throws IOException {
        Writes out = new Writes();
        Framing.lengthPrefix(2).writer(out).writeFrame(new byte[16 * 1024 - 2]);
        Framing.delimiter("\r\n").writer(out).writeFrame(new byte[16 * 1024 - 2]);
        assertEquals(2, out.calls.size());
    }

    @Test
    void refusedFramesWriteNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IllegalArgumentException delimiter = assertThrows(IllegalArgumentException.class,
                () -> Framing.delimiter("\r\n").writer(out).writeFrame(ascii("one\r\ntwo")));
        assertEquals("The payload contains the delimiter \"\\r\\n\" at index 3: the peer would read it as two frames",
                delimiter.getMessage());
        IllegalArgumentException fixed = assertThrows(IllegalArgumentException.class,
                () -> Framing.fixedLength(4).writer(out).writeFrame(ascii("abc")));
        assertEquals("A frame of fixed length 4 cannot carry 3 bytes", fixed.getMessage());
        IllegalArgumentException large = assertThrows(IllegalArgumentException.class,
                () -> Framing.lines().withMaxFrameSize(2).writer(out).writeFrame(ascii("abc")));
        assertEquals("A frame of 3 bytes exceeds the maximum frame size of 2 bytes", large.getMessage());
        IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
                () -> Framing.lengthPrefix(1).withLengthIncludingPrefix(true).writer(out).writeFrame(new byte[255]));
        assertEquals("A frame of 255 bytes is more than a 1-byte length prefix can say (at most 254 bytes of payload)",
                prefix.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> Framing.lines().writer(out).writeFrame(new byte[2], 1, 2));
        assertEquals(0, out.size());
    }

    @Test
    void aPayloadEndingInAPartOfASelfOverlappingDelimiterIsRefused() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IllegalArgumentException blankLine = assertThrows(IllegalArgumentException.class,
                () -> Framing.delimiter("\r\n\r\n").writer(out).writeFrame(ascii("abc\r\n")));
        assertEquals("The payload ends with the start of the delimiter \"\\r\\n\\r\\n\" at index 3, which the appended"
                + " delimiter completes: the peer would end the frame there", blankLine.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Framing.delimiter("\n\n").writer(out).writeFrame(ascii("x\n")));
        assertThrows(IllegalArgumentException.class,
                () -> Framing.delimiter("\r\n\r\n").writer(out).writeFrame(ascii("a\r\nzz"), 0, 3), "the payload ends where its length says");
        assertEquals(0, out.size());

        // The writer refuses exactly the payloads the reader would cut elsewhere than before the appended delimiter.
        for (String delimiter : List.of("\n\n", "\r\n\r\n", "\r\n", "aba")) {
            Framing framing = Framing.delimiter(delimiter);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            FrameWriter writer = framing.writer(wire);
            List<String> sent = new ArrayList<>();
            for (String payload : List.of("x", "x\n", "abc\r", "abc\r\n", "\nabc", "abc\r\n\rz", "\r", "\n", "", "ab", "b", "ba")) {
                if ((payload + delimiter).indexOf(delimiter) == payload.length()) {
                    writer.writeFrame(ascii(payload));
                    sent.add(payload);
                } else {
                    assertThrows(IllegalArgumentException.class, () -> writer.writeFrame(ascii(payload)), payload);
                }
            }
            var reader = framing.reader(new java.io.ByteArrayInputStream(wire.toByteArray()));
            for (String payload : sent) {
                assertEquals(payload, FrameReaderTest.text(reader.readFrame()), delimiter);
            }
            assertEquals(null, reader.readFrame(), delimiter);
        }
    }

    /**
     * Records each write call whole, but is not thread-safe and yields in and between calls: only
     * the writer's lock keeps two threads' calls (and the two calls of one large frame) apart.
     */
    static final class YieldingSink extends OutputStream {
        final List<byte[]> calls = new ArrayList<>();
        boolean writing;
        int overlapping;

        @Override
        public void write(int b) {
            throw new AssertionError("a frame writer must not write a byte at a time");
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (writing) {
                overlapping++;
            }
            writing = true;
            Thread.yield();
            calls.add(java.util.Arrays.copyOfRange(bytes, offset, offset + length));
            writing = false;
            Thread.yield();
        }
    }

    @Test
    void framesOfConcurrentWritersNeverInterleave() throws Exception {
        YieldingSink sink = new YieldingSink();
        Framing framing = Framing.lengthPrefix(4);
        FrameWriter writer = framing.writer(sink);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            byte fill = (byte) t;
            threads.add(Thread.ofVirtual().start(() -> {
                byte[] payload = new byte[20_000 + fill];   // over 16 KiB: two writes per frame
                java.util.Arrays.fill(payload, fill);
                for (int i = 0; i < 50; i++) {
                    try {
                        writer.writeFrame(payload);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            Bounded.join(thread);
        }
        assertEquals(0, sink.overlapping, "write calls overlapped");
        assertEquals(800, sink.calls.size());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (byte[] call : sink.calls) {
            wire.write(call);
        }
        var reader = framing.reader(new java.io.ByteArrayInputStream(wire.toByteArray()));
        int frames = 0;
        for (byte[] frame; (frame = reader.readFrame()) != null; frames++) {
            byte fill = frame[0];
            assertEquals(20_000 + fill, frame.length);
            for (byte b : frame) {
                assertEquals(fill, b);
            }
        }
        assertEquals(400, frames);
    }
}
