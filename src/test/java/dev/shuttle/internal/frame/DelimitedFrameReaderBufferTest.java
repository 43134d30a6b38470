package dev.shuttle.internal.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.frame.Framing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A delimited reader's buffer grows for a long frame and goes back to 8 KiB after it. */
class DelimitedFrameReaderBufferTest {

    @Test
    void theBufferShrinksBackAfterALongFrameOnceWhatIsLeftFits() throws IOException {
        byte[] longFrame = new byte[300_000];
        Arrays.fill(longFrame, (byte) 'x');
        byte[] mediumFrame = new byte[20_000];
        Arrays.fill(mediumFrame, (byte) 'y');
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(longFrame);
        wire.write('\n');
        wire.write(mediumFrame);
        wire.write('\n');
        wire.write("short\n".getBytes(StandardCharsets.US_ASCII));
        DelimitedFrameReader reader = (DelimitedFrameReader) Framing.lines().reader(new ByteArrayInputStream(wire.toByteArray()));
        assertEquals(8 * 1024, reader.capacity());

        assertEquals(300_000, reader.readFrame().length);
        assertEquals(20_000, reader.readFrame().length);
        assertEquals(8 * 1024, reader.capacity(), "back to its first size");
        assertEquals("short", new String(reader.readFrame(), StandardCharsets.US_ASCII));
        assertEquals(null, reader.readFrame());
    }

    @Test
    void whatIsLeftInTheBufferSurvivesTheShrink() throws IOException {
        // ByteArrayInputStream hands out everything asked for: the long frame's last read brings the
        // short frames along, and they must still be read after the buffer shrinks.
        StringBuilder text = new StringBuilder("z".repeat(100_000)).append('\n');
        for (int i = 0; i < 100; i++) {
            text.append("frame ").append(i).append('\n');
        }
        DelimitedFrameReader reader = (DelimitedFrameReader) Framing.lines()
                .reader(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.US_ASCII)));
        assertEquals(100_000, reader.readFrame().length);
        for (int i = 0; i < 100; i++) {
            assertEquals("frame " + i, new String(reader.readFrame(), StandardCharsets.US_ASCII));
        }
        assertEquals(null, reader.readFrame());
        assertEquals(8 * 1024, reader.capacity());
    }
}
