package dev.shuttle.frames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.frame.FrameReader;
import dev.shuttle.frame.FrameTooLargeException;
import dev.shuttle.frame.Framing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Frame readers over in-memory streams: boundaries, limits, end of stream, timeouts, buffering. */
class FrameReaderTest {

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static String text(byte[] frame) {
        return new String(frame, StandardCharsets.US_ASCII);
    }

    static List<String> readAll(FrameReader reader) throws IOException {
        List<String> frames = new ArrayList<>();
        for (byte[] frame; (frame = reader.readFrame()) != null; ) {
            frames.add(text(frame));
        }
        return frames;
    }

    @Test
    void delimitedFramesAreStrippedOfTheirDelimiter() throws IOException {
        FrameReader reader = Framing.delimiter("\r\n").reader(new ByteArrayInputStream(ascii("one\r\ntwo\r\n\r\nfour\r\n")));
        assertEquals(List.of("one", "two", "", "four"), readAll(reader));
    }

    @Test
    void delimitedFramesCanKeepTheirDelimiter() throws IOException {
        FrameReader reader = Framing.lines().withDelimiterKept(true).reader(new ByteArrayInputStream(ascii("a\nb\r\n")));
        assertEquals(List.of("a\n", "b\r\n"), readAll(reader));
    }

    @Test
    void aDelimiterSplitAcrossReadsIsFound() throws IOException {
        ScriptedInput in = new ScriptedInput().chunk(ascii("abc\r")).chunk(ascii("\ndef\r")).chunk(ascii("x\r\n"));
        assertEquals(List.of("abc", "def\rx"), readAll(Framing.delimiter("\r\n").reader(in)));
    }

    @Test
    void framesTrickledOneByteAtATimeKeepTheirBoundaries() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Framing framing = Framing.lengthPrefix(2);
        framing.writer(wire).writeFrame(ascii("hello"));
        framing.writer(wire).writeFrame(ascii(""));
        framing.writer(wire).writeFrame(ascii("world"));
        ScriptedInput in = new ScriptedInput().trickle(wire.toByteArray());
        assertEquals(List.of("hello", "", "world"), readAll(framing.reader(in)));
    }

    @Test
    void manyFramesInOneReadAreReturnedWithoutReadingAgain() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            lines.append("line ").append(i).append('\n');
        }
        ScriptedInput in = new ScriptedInput().chunk(ascii(lines.toString()));
        FrameReader reader = Framing.lines().reader(in);
        for (int i = 0; i < 500; i++) {
            assertEquals("line " + i, text(reader.readFrame()));
        }
        assertEquals(1, in.reads, "500 lines of one chunk cost one read");
        assertNull(reader.readFrame());
    }

    @Test
    void readsAskForWholeBuffersNotSingleBytes() throws IOException {
        ScriptedInput in = new ScriptedInput().chunk(new byte[100]);
        Framing.fixedLength(10).reader(in).readFrame();
        assertTrue(in.largestAsk >= 8192, "asked for " + in.largestAsk);
    }

    @Test
    @Timeout(60) // linear: well under a second; rescanning the frame at every chunk: hours
    void aLongDelimitedFrameArrivingInTinyChunksIsScannedOnce() throws IOException {
        byte[] payload = new byte[1024 * 1024 - 2];
        java.util.Arrays.fill(payload, (byte) '\r');   // every byte could start the delimiter
        ScriptedInput in = new ScriptedInput();
        for (int i = 0; i < payload.length; i += 4) {
            in.chunk(java.util.Arrays.copyOfRange(payload, i, Math.min(payload.length, i + 4)));
        }
        in.chunk(ascii("\r\n"));
        byte[] frame = Framing.delimiter("\r\n").reader(in).readFrame();
        assertArrayEquals(payload, frame);
    }

    @Test
    void fixedLengthFramesLargerThanTheBufferAreReadWhole() throws IOException {
        byte[] data = new byte[3 * 100_000];
        new Random(7).nextBytes(data);
        FrameReader reader = Framing.fixedLength(100_000).reader(new ByteArrayInputStream(data));
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(data, i * 100_000, (i + 1) * 100_000), reader.readFrame());
        }
        assertNull(reader.readFrame());
    }

    @Test
    void lengthPrefixesOfEverySizeAndOrderRoundTrip() throws IOException {
        for (int size : new int[] {1, 2, 4, 8}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                for (boolean includes : new boolean[] {false, true}) {
                    Framing framing = Framing.lengthPrefix(size).withByteOrder(order).withLengthIncludingPrefix(includes);
                    ByteArrayOutputStream wire = new ByteArrayOutputStream();
                    framing.writer(wire).writeFrame(ascii("abc"));
                    framing.writer(wire).writeFrame(new byte[200]);
                    FrameReader reader = framing.reader(new ByteArrayInputStream(wire.toByteArray()));
                    assertEquals("abc", text(reader.readFrame()), framing.toString());
                    assertEquals(200, reader.readFrame().length, framing.toString());
                    assertNull(reader.readFrame(), framing.toString());
                }
            }
        }
    }

    @Test
    void prefixBytesAreWrittenAsTheFramingSays() throws IOException {
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        Framing.lengthPrefix(4).writer(big).writeFrame(ascii("hi"));
        assertArrayEquals(new byte[] {0, 0, 0, 2, 'h', 'i'}, big.toByteArray());
        ByteArrayOutputStream little = new ByteArrayOutputStream();
        Framing.lengthPrefix(2).withByteOrder(ByteOrder.LITTLE_ENDIAN).withLengthIncludingPrefix(true)
                .writer(little).writeFrame(ascii("hi"));
        assertArrayEquals(new byte[] {4, 0, 'h', 'i'}, little.toByteArray());
    }

    @Test
    void endOfStreamBetweenFramesIsACleanEnd() throws IOException {
        assertNull(Framing.fixedLength(4).reader(new ByteArrayInputStream(new byte[0])).readFrame());
        assertNull(Framing.lines().reader(new ByteArrayInputStream(new byte[0])).readFrame());
        assertNull(Framing.lengthPrefix(4).reader(new ByteArrayInputStream(new byte[0])).readFrame());
    }

    @Test
    void endOfStreamInsideAFixedLengthFrameSaysWhatIsMissing() throws IOException {
        FrameReader reader = Framing.fixedLength(8).reader(new ByteArrayInputStream(new byte[11]));
        reader.readFrame();
        EOFException e = assertThrows(EOFException.class, reader::readFrame);
        assertEquals("End of stream inside a fixed-length frame: 3 of its 8 bytes arrived, 5 missing", e.getMessage());
    }

    @Test
    void endOfStreamInsideAPrefixOrPayloadSaysWhatIsMissing() {
        EOFException prefix = assertThrows(EOFException.class,
                () -> Framing.lengthPrefix(4).reader(new ByteArrayInputStream(new byte[] {0, 0})).readFrame());
        assertEquals("End of stream inside a length prefix: 2 of its 4 bytes arrived, 2 missing", prefix.getMessage());
        EOFException payload = assertThrows(EOFException.class,
                () -> Framing.lengthPrefix(1).reader(new ByteArrayInputStream(new byte[] {10, 1, 2, 3})).readFrame());
        assertEquals("End of stream inside a frame: 3 of its 10 bytes arrived, 7 missing", payload.getMessage());
    }

    @Test
    void endOfStreamBeforeTheDelimiterSaysSo() {
        EOFException e = assertThrows(EOFException.class,
                () -> Framing.delimiter("\r\n").reader(new ByteArrayInputStream(ascii("partial\r"))).readFrame());
        assertEquals("End of stream inside a frame: 8 bytes arrived without the delimiter \"\\r\\n\" that ends a frame",
                e.getMessage());
    }

    @Test
    void anAnnouncedFrameOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        ScriptedInput in = new ScriptedInput().chunk(new byte[] {0, 0, 0x10, 0}).chunk(new byte[4096]);
        FrameReader reader = Framing.lengthPrefix(4).withMaxFrameSize(1024).reader(in);
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, reader::readFrame);
        assertEquals("Frame of 4096 bytes exceeds the maximum frame size of 1024 bytes", e.getMessage());
        assertEquals(4096, e.frameSize());
        assertEquals(1024, e.maxFrameSize());
        assertEquals(1, in.reads, "the payload was not read");
        assertInstanceOf(ProtocolException.class, e);
    }

    @Test
    void anEightBytePrefixAnnouncingAnEnormousFrameIsRefused() {
        byte[] wire = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class,
                () -> Framing.lengthPrefix(8).reader(new ByteArrayInputStream(wire)).readFrame());
        assertEquals("Frame of 18446744073709551615 bytes exceeds the maximum frame size of 1048576 bytes", e.getMessage());
    }

    @Test
    void aPrefixCountingItselfThatIsTooSmallIsAProtocolError() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> Framing.lengthPrefix(4)
                .withLengthIncludingPrefix(true).reader(new ByteArrayInputStream(new byte[] {0, 0, 0, 2})).readFrame());
        assertEquals("Length prefix says 2 bytes, fewer than the 4 bytes of the prefix it counts", e.getMessage());
    }

    @Test
    void aDelimiterThatDoesNotComeWithinTheLimitIsRefusedWithoutBufferingMore() {
        ScriptedInput in = new ScriptedInput();
        for (int i = 0; i < 1000; i++) {
            in.chunk(new byte[1024]);
        }
        FrameReader reader = Framing.lines().withMaxFrameSize(10_000).reader(in);
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, reader::readFrame);
        assertTrue(e.getMessage().startsWith("Frame exceeds the maximum frame size of 10000 bytes: no delimiter \"\\n\" in its first"),
                e.getMessage());
        assertTrue(e.frameSize() > 10_000);
        assertTrue(in.reads <= 11, "read " + in.reads + " KiB for a 10,000-byte limit");
    }

    @Test
    void aDelimitedFrameOverTheLimitIsRefusedEvenWhenItsDelimiterArrivedWithIt() {
        FrameReader reader = Framing.lines().withMaxFrameSize(4).reader(new ByteArrayInputStream(ascii("abcd\nabcde\n")));
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> {
            assertEquals("abcd", text(reader.readFrame()));
            reader.readFrame();
        });
        assertEquals("Frame exceeds the maximum frame size of 4 bytes: no delimiter \"\\n\" in its first 5 bytes", e.getMessage());
    }

    @Test
    void aReadTimeoutInsideAFrameKeepsWhatArrivedAndTheNextReadGoesOn() throws IOException {
        for (Framing framing : List.of(Framing.fixedLength(6), Framing.lines(), Framing.lengthPrefix(2))) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            framing.writer(wire).writeFrame(ascii("abcdef"));
            framing.writer(wire).writeFrame(ascii("ghijkl"));
            byte[] bytes = wire.toByteArray();
            ScriptedInput in = new ScriptedInput().timeout()
                    .chunk(java.util.Arrays.copyOfRange(bytes, 0, 1)).timeout()
                    .chunk(java.util.Arrays.copyOfRange(bytes, 1, 4)).timeout()
                    .chunk(java.util.Arrays.copyOfRange(bytes, 4, bytes.length));
            FrameReader reader = framing.reader(in);
            List<String> frames = new ArrayList<>();
            int timeouts = 0;
            while (true) {
                try {
                    byte[] frame = reader.readFrame();
                    if (frame == null) {
                        break;
                    }
                    frames.add(text(frame));
                } catch (SocketTimeoutException e) {
                    timeouts++;
                }
            }
            assertEquals(List.of("abcdef", "ghijkl"), frames, framing.toString());
            assertEquals(3, timeouts, framing.toString());
        }
    }

    @Test
    void aReaderThatFailedStaysFailedAndSaysWhy() {
        FrameReader reader = Framing.fixedLength(4).reader(new ByteArrayInputStream(new byte[2]));
        EOFException first = assertThrows(EOFException.class, reader::readFrame);
        IOException again = assertThrows(IOException.class, reader::readFrame);
        assertSame(first, again.getCause());
        assertTrue(again.getMessage().startsWith("The frame reader failed before and cannot go on: End of stream"),
                again.getMessage());
    }

    @Test
    void multiByteBinaryDelimitersWork() throws IOException {
        byte[] delimiter = {0, (byte) 0xff, 0};
        byte[] wire = {1, 0, (byte) 0xff, 2, 0, (byte) 0xff, 0, 3, 0, 0, (byte) 0xff, 0};
        FrameReader reader = Framing.delimiter(delimiter).reader(new ByteArrayInputStream(wire));
        assertArrayEquals(new byte[] {1, 0, (byte) 0xff, 2}, reader.readFrame());
        assertArrayEquals(new byte[] {3, 0}, reader.readFrame());
        assertNull(reader.readFrame());
    }
}
