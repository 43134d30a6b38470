package dev.shuttle.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.frame.Framing;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzzes how much memory a length-prefixed frame reader takes for a frame that announces more
 * than it sends (issue 18: 300 four-byte prefixes announcing 1 MiB each grew a heap by 600 MiB).
 *
 * <p>Invariant: a peer whose prefix announces {@code N} bytes (up to the maximum frame size) and
 * that sends {@code n < N} of them, in chunks of any size, then closes, makes the reader allocate
 * at most {@code 4n} bytes plus a fixed 1 MiB: never the announced size up front.
 */
class LengthPrefixMemoryFuzzTest {

    /** A prefix announcing megabytes followed by a few bytes costs a few bytes. */
    @FuzzTarget
    void aShortFrameCostsWhatItSent(@ForAll @IntRange(max = 300_000) int sent,
            @ForAll @IntRange(min = 4 << 20, max = 64 << 20) int announced, @ForAll @IntRange(min = 1, max = 70_000) int chunk) {
        byte[] bytes = FrameReaderFuzzTest.concat(FrameReaderFuzzTest.prefix(announced, 4, true), new byte[sent]);
        var reader = Framing.lengthPrefix(4).withMaxFrameSize(64 << 20).reader(new ChunkedInput(bytes, List.of(chunk), List.of()));
        long allocated = AllocationMeter.bytesAllocatedBy(reader::readFrame);
        assertTrue(allocated <= 4L * sent + DelimitedMemoryFuzzTest.FIXED_ALLOWANCE,
                () -> "a prefix announcing " + announced + " bytes followed by " + sent + " bytes allocated " + allocated + " bytes");
    }
}
