package dev.shuttle.internal.frame;

/**
 * What a writer puts around a payload, and which payloads it refuses: the prefix before it, the
 * delimiter after it, the checks of one kind of framing.
 */
public sealed interface FrameEncoding {

    /**
     * Refuses a payload this framing cannot carry.
     *
     * @param payload holds the payload
     * @param offset where it starts
     * @param length its size
     * @throws IllegalArgumentException naming the fault
     */
    void check(byte[] payload, int offset, int length);

    /** {@return how many bytes go before a payload} */
    int headerLength();

    /**
     * Writes the bytes that go before a payload.
     *
     * @param length the payload's size
     * @param into where to write them
     * @param at from where
     */
    void writeHeader(int length, byte[] into, int at);

    /** {@return the bytes that go after every payload} */
    byte[] trailer();

    /**
     * {@return frames of one fixed length}
     *
     * @param length the length
     */
    static FrameEncoding fixedLength(int length) {
        return new FixedLength(length);
    }

    /**
     * {@return frames followed by a delimiter}
     *
     * @param delimiter the delimiter
     * @param maxFrameSize the largest payload
     */
    static FrameEncoding delimited(byte[] delimiter, int maxFrameSize) {
        return new Delimited(delimiter, maxFrameSize);
    }

    /**
     * {@return frames preceded by their length}
     *
     * @param prefixLength 1, 2, 4 or 8
     * @param bigEndian the prefix's byte order
     * @param includesPrefix whether the length counts the prefix
     * @param maxFrameSize the largest payload
     */
    static FrameEncoding lengthPrefixed(int prefixLength, boolean bigEndian, boolean includesPrefix, int maxFrameSize) {
        long sayable = prefixLength == 8 ? Long.MAX_VALUE : (1L << (8 * prefixLength)) - 1;
        long largest = Math.min(maxFrameSize, includesPrefix ? sayable - prefixLength : sayable);
        return new LengthPrefixed(prefixLength, bigEndian, includesPrefix, (int) largest, maxFrameSize);
    }

    /** A fixed length: nothing around the payload, which must have exactly that length. */
    record FixedLength(int length) implements FrameEncoding {
        @Override
        public void check(byte[] payload, int offset, int size) {
            if (size != length) {
                throw new IllegalArgumentException("A frame of fixed length " + length + " cannot carry " + size + " bytes");
            }
        }

        @Override
        public int headerLength() {
            return 0;
        }

        @Override
        public void writeHeader(int size, byte[] into, int at) {
            // No header.
        }

        @Override
        public byte[] trailer() {
            return new byte[0];
        }
    }

    /** A delimiter after the payload, which must not contain it nor end with a part of it that the delimiter completes. */
    record Delimited(byte[] delimiter, int maxFrameSize) implements FrameEncoding {
        @Override
        public void check(byte[] payload, int offset, int length) {
            if (length > maxFrameSize) {
                throw new IllegalArgumentException("A frame of " + length + " bytes exceeds the maximum frame size of "
                        + maxFrameSize + " bytes");
            }
            // The reader ends a frame at the first delimiter in payload + delimiter: it must be the appended one.
            // A delimiter that overlaps itself ("\n\n", "\r\n\r\n") can also start inside the payload and run
            // into the appended one: "x\n" + "\n\n" would be read as "x" then "\n...".
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                if (payload[i] == delimiter[0] && matches(payload, i, end)) {
                    String delimiterText = DelimiterText.of(delimiter);
                    throw new IllegalArgumentException(i + delimiter.length <= end
                            ? "The payload contains the delimiter " + delimiterText + " at index " + (i - offset)
                                    + ": the peer would read it as two frames"
                            : "The payload ends with the start of the delimiter " + delimiterText + " at index " + (i - offset)
                                    + ", which the appended delimiter completes: the peer would end the frame there");
                }
            }
        }

        /** Whether the delimiter starts at {@code at} in the payload (which ends at {@code end}) followed by the delimiter. */
        private boolean matches(byte[] payload, int at, int end) {
            for (int j = 1; j < delimiter.length; j++) {
                int p = at + j;
                if ((p < end ? payload[p] : delimiter[p - end]) != delimiter[j]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int headerLength() {
            return 0;
        }

        @Override
        public void writeHeader(int length, byte[] into, int at) {
            // No header.
        }

        @Override
        public byte[] trailer() {
            return delimiter;
        }
    }

    /** The payload's length before it. */
    record LengthPrefixed(int prefixLength, boolean bigEndian, boolean includesPrefix, int largest, int maxFrameSize)
            implements FrameEncoding {
        @Override
        public void check(byte[] payload, int offset, int length) {
            if (length > maxFrameSize) {
                throw new IllegalArgumentException("A frame of " + length + " bytes exceeds the maximum frame size of "
                        + maxFrameSize + " bytes");
            }
            if (length > largest) {
                throw new IllegalArgumentException("A frame of " + length + " bytes is more than a " + prefixLength
                        + "-byte length prefix can say (at most " + largest + " bytes of payload)");
            }
        }

        @Override
        public int headerLength() {
            return prefixLength;
        }

        @Override
        public void writeHeader(int length, byte[] into, int at) {
            long value = includesPrefix ? (long) length + prefixLength : length;
            for (int i = 0; i < prefixLength; i++) {
                int shift = 8 * (bigEndian ? prefixLength - 1 - i : i);
                into[at + i] = (byte) (value >>> shift);
            }
        }

        @Override
        public byte[] trailer() {
            return new byte[0];
        }
    }
}
