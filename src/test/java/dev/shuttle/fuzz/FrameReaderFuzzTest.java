package dev.shuttle.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shuttle.frame.FrameReader;
import dev.shuttle.frame.FrameTooLargeException;
import dev.shuttle.frame.Framing;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzes the three frame readers ({@link Framing#fixedLength}, {@link Framing#delimiter},
 * {@link Framing#lengthPrefix}) with frames encoded by hand, delivered in chunks of sizes the
 * fuzzer chooses, with read timeouts at chosen reads, and cut at any point.
 *
 * <p>Invariant: whatever the read boundaries, the reader returns exactly the frames that were
 * sent, in order; a read timeout loses nothing (the next call goes on with the same frame); a
 * frame over the maximum is {@link FrameTooLargeException} (with the announced size, for a length
 * prefix); a stream cut between frames ends with {@code null} and one cut inside a frame with
 * {@link EOFException}; after a failure every later call throws an {@link IOException}. On random
 * bytes a reader returns frames no larger than the maximum or throws only those documented
 * {@link IOException}s ({@link EOFException}, {@link FrameTooLargeException},
 * {@link ProtocolException}), never a runtime exception.
 */
class FrameReaderFuzzTest {

    /**
     * Payloads: mostly short, some longer than the reader's 8 KiB buffer; their bytes drawn by a
     * seeded generator (cheap to make, and shrinking still shortens them), often from a small
     * alphabet holding the usual delimiter bytes.
     */
    @Provide
    Arbitrary<List<byte[]>> payloads() {
        Arbitrary<Integer> size = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(0, 40)),
                Tuple.of(2, Arbitraries.integers().between(41, 2000)),
                Tuple.of(1, Arbitraries.integers().between(2001, 20_000)));
        return net.jqwik.api.Combinators.combine(size, Arbitraries.longs(), Arbitraries.of(true, false))
                .as(FrameReaderFuzzTest::payload).list().ofMaxSize(12);
    }

    private static byte[] payload(int size, long seed, boolean smallAlphabet) {
        byte[] alphabet = {0, 1, '\r', '\n', 'a'};
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = smallAlphabet ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
        }
        return payload;
    }

    @Provide
    Arbitrary<List<Integer>> chunks() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(1, 16)),
                Tuple.of(3, Arbitraries.integers().between(17, 9000)),
                Tuple.of(1, Arbitraries.integers().between(9001, 70_000))).list().ofMinSize(1).ofMaxSize(16);
    }

    @Provide
    Arbitrary<byte[]> delimiters() {
        return Arbitraries.oneOf(Arbitraries.of(new byte[] {'\n'}, new byte[] {'\r', '\n'}, new byte[] {0},
                        new byte[] {'a', 'a'}, new byte[] {'a', '\n', 'a'}),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(5));
    }

    /** Fixed-length frames reassemble exactly; the tail of a cut stream is an end inside a frame. */
    @FuzzTarget
    void fixedLengthFramesReassemble(@ForAll @IntRange(min = 1, max = 20_000) int length,
            @ForAll @IntRange(max = 12) int count, @ForAll("chunks") List<Integer> chunks,
            @ForAll @Size(max = 4) List<@IntRange(max = 40) Integer> timeouts, @ForAll @IntRange(max = 1 << 30) int cutAt) {
        FrameScript script = new FrameScript();
        for (int i = 0; i < count; i++) {
            byte[] frame = new byte[length];
            Arrays.fill(frame, (byte) i);
            frame[0] = (byte) ~i;
            script.add(frame, frame);
        }
        replay(Framing.fixedLength(length), script, cut(script, cutAt), chunks, timeouts);
    }

    /** Delimited frames reassemble exactly, the delimiter kept or not; an oversize one is refused. */
    @FuzzTarget
    void delimitedFramesReassemble(@ForAll("delimiters") byte[] delimiter, @ForAll boolean kept,
            @ForAll @IntRange(min = 1, max = 25_000) int maxFrameSize, @ForAll("payloads") List<byte[]> payloads,
            @ForAll("chunks") List<Integer> chunks, @ForAll @Size(max = 4) List<@IntRange(max = 40) Integer> timeouts,
            @ForAll @IntRange(max = 1 << 30) int cutAt) {
        FrameScript script = new FrameScript();
        for (byte[] payload : payloads) {
            byte[] encoded = concat(payload, delimiter);
            if (indexOf(encoded, delimiter) != payload.length) {
                continue; // the delimiter inside the payload: no framing can carry it
            }
            if (payload.length > maxFrameSize) {
                script.addOversize(encoded, maxFrameSize + delimiter.length, maxFrameSize + 1L, payload.length);
                break;
            }
            script.add(encoded, kept ? encoded : payload);
        }
        Framing framing = Framing.delimiter(delimiter).withDelimiterKept(kept).withMaxFrameSize(maxFrameSize);
        replay(framing, script, cut(script, cutAt), chunks, timeouts);
    }

    /** Length-prefixed frames reassemble exactly in every prefix form; an oversize one is refused at its prefix. */
    @FuzzTarget
    void lengthPrefixedFramesReassemble(@ForAll("prefixLengths") int prefixLength, @ForAll boolean bigEndian,
            @ForAll boolean includesPrefix, @ForAll @IntRange(min = 1, max = 25_000) int maxFrameSize,
            @ForAll("payloads") List<byte[]> payloads, @ForAll long oversizeAnnouncement,
            @ForAll("chunks") List<Integer> chunks, @ForAll @Size(max = 4) List<@IntRange(max = 40) Integer> timeouts,
            @ForAll @IntRange(max = 1 << 30) int cutAt) {
        ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        long largest = prefixLength == 8 ? -1 : (1L << (8 * prefixLength)) - 1; // unsigned
        FrameScript script = new FrameScript();
        for (byte[] payload : payloads) {
            long announced = payload.length + (includesPrefix ? prefixLength : 0);
            if (Long.compareUnsigned(announced, largest) > 0) {
                continue; // a prefix this short cannot announce it
            }
            byte[] prefix = prefix(announced, prefixLength, bigEndian);
            if (payload.length > maxFrameSize) {
                // The prefix says too much: announce either the payload's size or any larger number.
                long size = Long.compareUnsigned(oversizeAnnouncement, payload.length) > 0
                        && Long.compareUnsigned(oversizeAnnouncement + (includesPrefix ? prefixLength : 0), largest) <= 0
                        && Long.compareUnsigned(oversizeAnnouncement, oversizeAnnouncement + (includesPrefix ? prefixLength : 0)) <= 0
                        ? oversizeAnnouncement : payload.length;
                byte[] big = prefix(size + (includesPrefix ? prefixLength : 0), prefixLength, bigEndian);
                script.addOversize(concat(big, Arrays.copyOf(payload, Math.min(payload.length, 64))), prefixLength, size, size);
                break;
            }
            script.add(concat(prefix, payload), payload);
        }
        Framing framing = Framing.lengthPrefix(prefixLength).withByteOrder(order).withLengthIncludingPrefix(includesPrefix)
                .withMaxFrameSize(maxFrameSize);
        replay(framing, script, cut(script, cutAt), chunks, timeouts);
    }

    @Provide
    Arbitrary<Integer> prefixLengths() {
        return Arbitraries.of(1, 2, 4, 8);
    }

    @Provide
    Arbitrary<Framing> framings() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 300).map(Framing::fixedLength),
                delimiters().flatMap(d -> Arbitraries.integers().between(1, 300)
                        .map(max -> Framing.delimiter(d).withMaxFrameSize(max))),
                prefixLengths().flatMap(p -> Arbitraries.of(true, false).flatMap(included -> Arbitraries.of(
                        ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN).flatMap(order -> Arbitraries.integers().between(1, 300)
                        .map(max -> Framing.lengthPrefix(p).withLengthIncludingPrefix(included).withByteOrder(order)
                                .withMaxFrameSize(max))))));
    }

    /** Random bytes: frames within the maximum, or only the documented IOExceptions. */
    @FuzzTarget
    void randomBytesGiveFramesOrDocumentedFailures(@ForAll("framings") Framing framing,
            @ForAll @Size(max = 2000) byte[] bytes, @ForAll("chunks") List<Integer> chunks) {
        FrameReader reader = framing.reader(new ChunkedInput(bytes, chunks, List.of()));
        for (int calls = 0; calls <= bytes.length + 1; calls++) {
            byte[] frame;
            try {
                frame = reader.readFrame();
            } catch (EOFException | ProtocolException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a failure without a message: " + e);
                assertThrows(IOException.class, reader::readFrame, "the reader went on after " + e);
                return;
            } catch (IOException | RuntimeException e) {
                throw new AssertionError(framing + " on " + HexFormat.of().formatHex(bytes) + " threw " + e, e);
            }
            if (frame == null) {
                return;
            }
            assertTrue(frame.length <= framing.maxFrameSize(), () -> "a frame of " + frame.length + " bytes from " + framing);
        }
        fail("the reader returned more frames than there were bytes");
    }

    private static int cut(FrameScript script, int cutAt) {
        // Half the time the whole stream arrives; else it is cut at any byte.
        return cutAt % 2 == 0 ? script.length() : (cutAt / 2) % (script.length() + 1);
    }

    /** Reads the first {@code cut} bytes of the script through the framing and checks every outcome. */
    static void replay(Framing framing, FrameScript script, int cut, List<Integer> chunks, List<Integer> timeouts) {
        FrameReader reader = framing.reader(new ChunkedInput(Arrays.copyOf(script.bytes(), cut), chunks, timeouts));
        List<FrameScript.Outcome> outcomes = script.outcomes(cut);
        for (int i = 0; i < outcomes.size(); i++) {
            FrameScript.Outcome expected = outcomes.get(i);
            String call = framing + ", call " + i + " of " + outcomes.size() + ", cut at " + cut + " of " + script.length();
            byte[] frame;
            try {
                frame = readThroughTimeouts(reader, timeouts.size());
            } catch (FrameTooLargeException e) {
                if (!(expected instanceof FrameScript.TooLarge tooLarge)) {
                    throw new AssertionError(call + ": expected " + expected + " but got " + e, e);
                }
                assertEquals(framing.maxFrameSize(), e.maxFrameSize(), call);
                assertTrue(Long.compareUnsigned(e.frameSize(), tooLarge.least()) >= 0
                        && Long.compareUnsigned(e.frameSize(), tooLarge.announced()) <= 0,
                        () -> call + ": frameSize() " + Long.toUnsignedString(e.frameSize()) + " outside "
                                + tooLarge.least() + "-" + Long.toUnsignedString(tooLarge.announced()));
                assertThrows(IOException.class, reader::readFrame, call + ": the reader went on after " + e);
                return;
            } catch (EOFException e) {
                if (!(expected instanceof FrameScript.EndsInside)) {
                    throw new AssertionError(call + ": expected " + expected + " but got " + e, e);
                }
                assertThrows(IOException.class, reader::readFrame, call + ": the reader went on after " + e);
                return;
            } catch (IOException | RuntimeException e) {
                throw new AssertionError(call + ": expected " + expected + " but got " + e, e);
            }
            switch (expected) {
                case FrameScript.Returns returns -> assertArrayEquals(returns.frame(), frame, call);
                case FrameScript.Ends ends -> assertNull(frame, call);
                default -> fail(call + ": expected " + expected + " but got a frame of "
                        + (frame == null ? "null" : frame.length + " bytes"));
            }
        }
    }

    private static byte[] readThroughTimeouts(FrameReader reader, int timeouts) throws IOException {
        for (int i = 0; ; i++) {
            try {
                return reader.readFrame();
            } catch (SocketTimeoutException e) {
                if (i >= timeouts) {
                    throw new AssertionError("more read timeouts than were scripted", e);
                }
            }
        }
    }

    static byte[] prefix(long value, int length, boolean bigEndian) {
        byte[] prefix = new byte[length];
        for (int i = 0; i < length; i++) {
            int shift = 8 * (bigEndian ? length - 1 - i : i);
            prefix[i] = (byte) (value >>> shift);
        }
        return prefix;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
