package dev.shuttle.frames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.frame.FrameReader;
import dev.shuttle.frame.FrameTooLargeException;
import dev.shuttle.frame.FrameWriter;
import dev.shuttle.frame.Framing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Frames come out exactly as they went in however the stream is cut: at every byte boundary,
 * in random pieces, a prefix split across reads; frames of zero bytes, of the reader's buffer
 * size and around it, and of exactly the maximum; one byte over the maximum is refused.
 */
class FrameReassemblyTest {
    /** Larger than the reader's 8 KiB buffer, so that frames are read both through it and past it. */
    private static final int MAX = 9000;

    private static List<Framing> everyKind() {
        return List.of(
                Framing.lengthPrefix(1),
                Framing.lengthPrefix(2).withMaxFrameSize(MAX),
                Framing.lengthPrefix(4).withMaxFrameSize(MAX).withByteOrder(ByteOrder.LITTLE_ENDIAN),
                Framing.lengthPrefix(8).withMaxFrameSize(MAX).withLengthIncludingPrefix(true),
                Framing.fixedLength(MAX),
                Framing.delimiter("\r\n").withMaxFrameSize(MAX),
                Framing.delimiter(new byte[] {0}).withMaxFrameSize(MAX));
    }

    /**
     * Frames the framing can carry: empty, tiny, around 8 KiB and at the maximum (fixed length:
     * the length; a one-byte prefix: up to 255).
     */
    private static List<byte[]> payloads(Framing framing) {
        int[] sizes = framing.toString().startsWith("fixedLength") ? new int[] {MAX, MAX}
                : framing.toString().startsWith("lengthPrefix(1,") ? new int[] {0, 1, 255, 0, 17}
                : new int[] {0, 1, 8191, 0, 8193, MAX, 0};
        Random random = new Random(framing.toString().hashCode());
        List<byte[]> payloads = new ArrayList<>();
        for (int size : sizes) {
            byte[] payload = new byte[size];
            for (int i = 0; i < size; i++) {
                payload[i] = (byte) ('a' + random.nextInt(26)); // never a delimiter byte
            }
            payloads.add(payload);
        }
        return payloads;
    }

    private static byte[] wire(Framing framing, List<byte[]> payloads) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FrameWriter writer = framing.writer(wire);
        for (byte[] payload : payloads) {
            writer.writeFrame(payload);
        }
        return wire.toByteArray();
    }

    private static void assertReadsBack(Framing framing, List<byte[]> payloads, ScriptedInput in, String how)
            throws IOException {
        FrameReader reader = framing.reader(in);
        for (int i = 0; i < payloads.size(); i++) {
            assertArrayEquals(payloads.get(i), reader.readFrame(), framing + ", frame " + i + ", " + how);
        }
        assertNull(reader.readFrame(), framing + ", " + how);
    }

    @Test
    void framesSurviveAStreamCutAtEveryByteBoundary() throws IOException {
        for (Framing framing : everyKind()) {
            List<byte[]> payloads = payloads(framing);
            byte[] bytes = wire(framing, payloads);
            assertReadsBack(framing, payloads, new ScriptedInput().chunk(bytes), "in one piece");
            for (int cut = 1; cut < bytes.length; cut++) {
                ScriptedInput in = new ScriptedInput().chunk(Arrays.copyOfRange(bytes, 0, cut))
                        .chunk(Arrays.copyOfRange(bytes, cut, bytes.length));
                assertReadsBack(framing, payloads, in, "cut at " + cut);
            }
        }
    }

    @Test
    void framesSurviveAStreamInRandomPiecesAndOneByteAtATime() throws IOException {
        Random random = new Random(18);
        for (Framing framing : everyKind()) {
            List<byte[]> payloads = payloads(framing);
            byte[] bytes = wire(framing, payloads);
            assertReadsBack(framing, payloads, new ScriptedInput().trickle(bytes), "one byte at a time");
            for (int round = 0; round < 50; round++) {
                ScriptedInput in = new ScriptedInput();
                for (int at = 0; at < bytes.length; ) {
                    int piece = 1 + random.nextInt(random.nextBoolean() ? 16 : 20_000);
                    in.chunk(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + piece)));
                    at += piece;
                }
                assertReadsBack(framing, payloads, in, "random pieces, round " + round);
            }
        }
    }

    @Test
    void aLengthPrefixedFrameOfExactlyTheMaximumIsReadAndOneByteMoreIsRefused() throws IOException {
        Framing framing = Framing.lengthPrefix(4).withMaxFrameSize(MAX);
        byte[] atMost = new byte[4 + MAX];
        atMost[2] = (byte) (MAX >>> 8);
        atMost[3] = (byte) MAX;
        assertEquals(MAX, framing.reader(new ByteArrayInputStream(atMost)).readFrame().length);

        byte[] over = Arrays.copyOf(atMost, atMost.length + 1);
        over[3] = (byte) (MAX + 1);
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class,
                () -> framing.reader(new ByteArrayInputStream(over)).readFrame());
        assertEquals(MAX + 1, e.frameSize());
    }

    @Test
    void aDelimitedFrameOfExactlyTheMaximumIsReadAndOneByteMoreIsRefused() throws IOException {
        Framing framing = Framing.lines().withMaxFrameSize(MAX);
        byte[] atMost = new byte[MAX + 1];
        Arrays.fill(atMost, (byte) 'x');
        atMost[MAX] = '\n';
        assertEquals(MAX, framing.reader(new ByteArrayInputStream(atMost)).readFrame().length);

        byte[] over = new byte[MAX + 2];
        Arrays.fill(over, (byte) 'x');
        over[MAX + 1] = '\n';
        assertThrows(FrameTooLargeException.class, () -> framing.reader(new ByteArrayInputStream(over)).readFrame());
    }

    @Test
    void zeroLengthFramesAloneAndInARowAreFramesNotTheEnd() throws IOException {
        for (Framing framing : List.of(Framing.lengthPrefix(1), Framing.lengthPrefix(8), Framing.lines())) {
            List<byte[]> empty = List.of(new byte[0], new byte[0], new byte[0]);
            byte[] bytes = wire(framing, empty);
            assertReadsBack(framing, empty, new ScriptedInput().trickle(bytes), "one byte at a time");
            assertReadsBack(framing, empty, new ScriptedInput().chunk(bytes), "in one read");
        }
    }
}
