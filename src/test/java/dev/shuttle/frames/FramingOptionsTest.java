package dev.shuttle.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.frame.Framing;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad framing options are refused where they are given, naming the option and the value. */
class FramingOptionsTest {

    static void refused(String message, Executable option) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, option);
        assertEquals(message, e.getMessage());
    }

    @Test
    void badValuesAreRefusedNamingTheOptionAndTheValue() {
        refused("fixedLength must be 1 to 2147483639 bytes, not 0", () -> Framing.fixedLength(0));
        refused("fixedLength must be 1 to 2147483639 bytes, not -5", () -> Framing.fixedLength(-5));
        refused("delimiter must not be empty", () -> Framing.delimiter(""));
        refused("delimiter must not be empty", () -> Framing.delimiter(new byte[0]));
        refused("lengthPrefix must be 1, 2, 4 or 8 bytes, not 3", () -> Framing.lengthPrefix(3));
        refused("maxFrameSize must be 1 to 2147483639 bytes, not 0", () -> Framing.lines().withMaxFrameSize(0));
        refused("maxFrameSize of a delimiter framing must be 1 to 2147483637 bytes (a frame and its 2-byte delimiter"
                + " fit in one array), not 2147483638", () -> Framing.delimiter("\r\n").withMaxFrameSize(Integer.MAX_VALUE - 9));
        assertEquals(Integer.MAX_VALUE - 10, Framing.delimiter("\r\n").withMaxFrameSize(Integer.MAX_VALUE - 10).maxFrameSize());
        assertEquals(Integer.MAX_VALUE - 8, Framing.lengthPrefix(4).withMaxFrameSize(Integer.MAX_VALUE - 8).maxFrameSize());
        refused("maxFrameSize 4 is smaller than the fixed length 8 of every frame",
                () -> Framing.fixedLength(8).withMaxFrameSize(4));
    }

    @Test
    void optionsOfAnotherKindOfFramingAreRefused() {
        refused("withDelimiterKept applies to delimiter framing only, not to fixedLength(8)",
                () -> Framing.fixedLength(8).withDelimiterKept(true));
        refused("withByteOrder applies to length prefix framing only, not to delimiter(\"\\n\", max 1048576)",
                () -> Framing.lines().withByteOrder(ByteOrder.LITTLE_ENDIAN));
        refused("withLengthIncludingPrefix applies to length prefix framing only, not to fixedLength(2)",
                () -> Framing.fixedLength(2).withLengthIncludingPrefix(true));
    }

    @Test
    void nullsAreRefusedNamingTheArgument() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Framing.delimiter((String) null));
        assertEquals("delimiter", e.getMessage());
        assertEquals("byteOrder", assertThrows(NullPointerException.class,
                () -> Framing.lengthPrefix(2).withByteOrder(null)).getMessage());
    }

    @Test
    void theDefaultMaximumIsOneMebibyteAndFixedLengthsAreTheirOwnMaximum() {
        assertEquals(1024 * 1024, Framing.lines().maxFrameSize());
        assertEquals(1024 * 1024, Framing.lengthPrefix(4).maxFrameSize());
        assertEquals(4 * 1024 * 1024, Framing.fixedLength(4 * 1024 * 1024).maxFrameSize());
    }

    @Test
    void aFixedLengthFramingKeepsItsLengthAsItsMaximumWhateverMaximumIsGiven() {
        Framing fixed = Framing.fixedLength(8).withMaxFrameSize(100);
        assertEquals(8, fixed.maxFrameSize());
        assertEquals(Framing.fixedLength(8), fixed);
        assertEquals(Framing.fixedLength(8).hashCode(), fixed.hashCode());
        assertEquals("fixedLength(8)", fixed.toString());
        assertEquals(Framing.fixedLength(8), Framing.fixedLength(8).withMaxFrameSize(8));
    }

    @Test
    void framingsDescribeThemselves() {
        assertEquals("delimiter(\"\\r\\n\", kept, max 100)",
                Framing.delimiter("\r\n").withDelimiterKept(true).withMaxFrameSize(100).toString());
        assertEquals("delimiter(0x00ff, max 1048576)", Framing.delimiter(new byte[] {0, (byte) 0xff}).toString());
        assertEquals("lengthPrefix(2, LITTLE_ENDIAN, including the prefix, max 1048576)",
                Framing.lengthPrefix(2).withByteOrder(ByteOrder.LITTLE_ENDIAN).withLengthIncludingPrefix(true).toString());
    }

    @Test
    void withMethodsReturnNewFramingsAndLeaveTheOriginal() {
        Framing lines = Framing.lines();
        Framing small = lines.withMaxFrameSize(10);
        assertEquals(1024 * 1024, lines.maxFrameSize());
        assertEquals(10, small.maxFrameSize());
        assertEquals(Framing.delimiter("\n"), lines);
        assertEquals(Framing.delimiter("\n").hashCode(), lines.hashCode());
        assertNotEquals(lines, small);
        assertNotEquals(Framing.lengthPrefix(2), Framing.lengthPrefix(2).withByteOrder(ByteOrder.LITTLE_ENDIAN));
    }
}
