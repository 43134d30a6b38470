package dev.shuttle.frames;

import dev.shuttle.testing.Needs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.frame.FrameReader;
import dev.shuttle.frame.Framing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A frame reader's memory grows with what the peer has sent, never with what it announced: a
 * length prefix or a fixed length of 1 MiB costs nothing until the bytes come, and then about
 * twice what came. Measured as the bytes the reading thread allocated (HotSpot counts them).
 */
class FrameReaderMemoryTest {
    private static final int MIB = 1024 * 1024;

    /**
     * What one call of {@code readFrame()} may allocate beyond four times the payload bytes that
     * arrived: an array that doubles as bytes come ends at most twice what came, and the arrays
     * it grew through add up to less than that again.
     */
    private static final long SLACK = 16 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Loads and initialises what a first read loads (classes, exceptions), so that it is not counted. */
    @BeforeAll
    static void warmUp() throws IOException {
        byte[] wire = {0, 0, 0, 3, 'a', 'b', 'c', 'a', 'b', 'c', '\n'};
        for (Framing framing : List.of(Framing.lengthPrefix(4), Framing.fixedLength(3), Framing.lines())) {
            FrameReader reader = framing.reader(new ScriptedInput().chunk(new byte[] {wire[0]}).timeout().chunk(wire));
            assertThrows(SocketTimeoutException.class, reader::readFrame);
            reader.readFrame();
        }
    }

    private static long allocatedByThisThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Reads until the script's read timeout; returns the bytes allocated meanwhile. */
    private static long allocatedUntilTimeout(FrameReader reader) {
        Needs.that(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM counts the bytes a thread allocates");
        long before = allocatedByThisThread();
        assertThrows(SocketTimeoutException.class, reader::readFrame);
        return allocatedByThisThread() - before;
    }

    @Test
    void aPrefixAnnouncingTheMaximumCostsNothingUntilThePayloadComes() {
        ScriptedInput in = new ScriptedInput().chunk(new byte[] {0, 0x10, 0, 0}).timeout();
        FrameReader reader = Framing.lengthPrefix(4).reader(in);
        long allocated = allocatedUntilTimeout(reader);
        assertTrue(allocated < SLACK, "a 4-byte prefix announcing 1 MiB allocated " + allocated + " bytes");
    }

    @Test
    void aLengthPrefixedFramesArrayGrowsWithWhatArrived() throws IOException {
        byte[] payload = random(MIB);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Framing framing = Framing.lengthPrefix(4);
        framing.writer(wire).writeFrame(payload);
        byte[] bytes = wire.toByteArray();
        int sent = 100_000;
        ScriptedInput in = new ScriptedInput().chunk(Arrays.copyOfRange(bytes, 0, 4 + sent)).timeout()
                .chunk(Arrays.copyOfRange(bytes, 4 + sent, bytes.length));
        FrameReader reader = framing.reader(in);
        long allocated = allocatedUntilTimeout(reader);
        assertTrue(allocated <= 4L * sent + SLACK, sent + " bytes of a 1 MiB frame allocated " + allocated + " bytes");
        assertArrayEquals(payload, reader.readFrame(), "the frame goes on after the timeout, whole");
    }

    @Test
    void aLargeFixedLengthFrameCostsWhatArrivedNotItsLength() throws IOException {
        byte[] payload = random(MIB);
        ScriptedInput in = new ScriptedInput().chunk(new byte[] {payload[0]}).timeout()
                .chunk(Arrays.copyOfRange(payload, 1, payload.length));
        FrameReader reader = Framing.fixedLength(MIB).reader(in);
        long allocated = allocatedUntilTimeout(reader);
        assertTrue(allocated < SLACK, "one byte of a 1 MiB fixed-length frame allocated " + allocated + " bytes");
        assertArrayEquals(payload, reader.readFrame());
    }

    @Test
    void aDelimitedFrameCostsAboutWhatArrived() throws IOException {
        int sent = 100_000;
        byte[] line = new byte[sent];
        Arrays.fill(line, (byte) 'x');
        ScriptedInput in = new ScriptedInput().chunk(line).timeout().chunk(new byte[] {'\n'});
        FrameReader reader = Framing.lines().reader(in);
        long allocated = allocatedUntilTimeout(reader);
        assertTrue(allocated <= 4L * sent + SLACK, sent + " bytes without a delimiter allocated " + allocated + " bytes");
        assertArrayEquals(line, reader.readFrame());
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
