package dev.shuttle.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.frame.Framing;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzzes how much memory a delimited frame reader takes for a frame that never ends.
 *
 * <p>Invariant: a peer that sends {@code n} bytes without a delimiter, in chunks of any size, and
 * then closes, makes the reader allocate at most {@code 4n} bytes plus a fixed 1 MiB (its first
 * buffer, doubling growth, the exception), however large the maximum frame size is.
 */
class DelimitedMemoryFuzzTest {
    static final long FIXED_ALLOWANCE = 1024 * 1024;

    /** A frame that never ends costs memory in proportion to what arrived, never to the maximum. */
    @FuzzTarget
    void anEndlessFrameCostsWhatItSent(@ForAll @IntRange(max = 300_000) int sent,
            @ForAll @IntRange(min = 4 << 20, max = 64 << 20) int maxFrameSize, @ForAll @IntRange(min = 1, max = 70_000) int chunk) {
        byte[] bytes = new byte[sent]; // zeros: never the delimiter
        var reader = Framing.delimiter("\n").withMaxFrameSize(maxFrameSize)
                .reader(new ChunkedInput(bytes, List.of(chunk), List.of()));
        long allocated = AllocationMeter.bytesAllocatedBy(reader::readFrame);
        assertTrue(allocated <= 4L * sent + FIXED_ALLOWANCE,
                () -> "reading " + sent + " bytes without a delimiter (max frame size " + maxFrameSize + ") allocated "
                        + allocated + " bytes");
    }
}
