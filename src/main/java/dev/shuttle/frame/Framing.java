package dev.shuttle.frame;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.internal.frame.DelimitedFrameReader;
import dev.shuttle.internal.frame.DelimiterText;
import dev.shuttle.internal.frame.FixedLengthFrameReader;
import dev.shuttle.internal.frame.FrameEncoding;
import dev.shuttle.internal.frame.LengthPrefixedFrameReader;
import dev.shuttle.internal.frame.StreamFrameWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How a byte stream is cut into frames (messages): a fixed length, a delimiter, or a length
 * prefix, each with a maximum frame size. A {@link FrameReader} and a {@link FrameWriter} apply it
 * to a {@link Connection} or to any stream.
 *
 * <p>Immutable and thread-safe: every {@code with...} method returns a new {@code Framing}, and
 * one {@code Framing} serves any number of connections. Every bad value is an
 * {@link IllegalArgumentException} naming the option and the value, thrown where it is given.
 *
 * <p>The maximum frame size defaults to {@value #DEFAULT_MAX_FRAME_SIZE} bytes (1 MiB). It counts
 * the payload only: never a length prefix, never a delimiter. A peer announcing or sending a
 * larger frame makes {@link FrameReader#readFrame()} throw {@link FrameTooLargeException}: for a
 * length prefix as soon as the prefix is read, before any of the frame is buffered; for a
 * delimiter once the maximum frame size plus the delimiter's length has been buffered without a
 * delimiter (a delimited frame cannot be known too large sooner). A larger frame given to
 * {@link FrameWriter#writeFrame(byte[])} is an {@code IllegalArgumentException}, before anything
 * is written. The maximum is a limit, not an allocation: a reader's memory grows with the bytes
 * that arrive (see {@link FrameReader}), so a generous maximum costs only for the frames that are
 * really that long.
 *
 * {@snippet :
 * Framing lines = Framing.delimiter("\r\n").withMaxFrameSize(8 * 1024);   // a line protocol
 * Framing dns = Framing.lengthPrefix(2);                                  // DNS over TCP
 * Framing records = Framing.lengthPrefix(4).withByteOrder(ByteOrder.LITTLE_ENDIAN);
 *
 * try (Connection connection = Connector.create().connect("tcp://127.0.0.1:7000")) {
 *     FrameWriter out = lines.writer(connection);
 *     FrameReader in = lines.reader(connection);
 *     out.writeFrame("HELLO".getBytes(StandardCharsets.US_ASCII));   // sends HELLO\r\n
 *     byte[] reply = in.readFrame();                                  // null at end of stream
 * }
 * }
 */
public final class Framing {
    /** The maximum frame size unless set otherwise: 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 1024 * 1024;

    /** The largest array the JVM reliably allocates, and so the largest frame. */
    private static final int LARGEST_FRAME = Integer.MAX_VALUE - 8;

    private enum Kind { FIXED_LENGTH, DELIMITER, LENGTH_PREFIX }

    private final Kind kind;
    private final int fixedLength;
    private final byte[] delimiter;
    private final boolean delimiterKept;
    private final int prefixLength;
    private final ByteOrder byteOrder;
    private final boolean lengthIncludesPrefix;
    private final int maxFrameSize;

    private Framing(Kind kind, int fixedLength, byte[] delimiter, boolean delimiterKept, int prefixLength,
            ByteOrder byteOrder, boolean lengthIncludesPrefix, int maxFrameSize) {
        this.kind = kind;
        this.fixedLength = fixedLength;
        this.delimiter = delimiter;
        this.delimiterKept = delimiterKept;
        this.prefixLength = prefixLength;
        this.byteOrder = byteOrder;
        this.lengthIncludesPrefix = lengthIncludesPrefix;
        this.maxFrameSize = maxFrameSize;
    }

    /**
     * Frames of exactly {@code length} bytes each. The maximum frame size is the length itself.
     *
     * @param length the size of every frame, 1 to {@code Integer.MAX_VALUE - 8}
     * @return the framing
     * @throws IllegalArgumentException if the length is outside that range
     */
    public static Framing fixedLength(int length) {
        if (length < 1 || length > LARGEST_FRAME) {
            throw new IllegalArgumentException("fixedLength must be 1 to " + LARGEST_FRAME + " bytes, not " + length);
        }
        return new Framing(Kind.FIXED_LENGTH, length, null, false, 0, ByteOrder.BIG_ENDIAN, false, length);
    }

    /**
     * Frames that end with a delimiter, such as {@code "\r\n"}, written in UTF-8. The reader strips
     * the delimiter unless {@link #withDelimiterKept(boolean)}; the writer appends it.
     *
     * @param delimiter the delimiter, not empty
     * @return the framing, with a maximum frame size of {@value #DEFAULT_MAX_FRAME_SIZE} bytes
     * @throws IllegalArgumentException if the delimiter is empty
     * @throws NullPointerException if it is null
     */
    public static Framing delimiter(String delimiter) {
        Objects.requireNonNull(delimiter, "delimiter");
        return delimiter(delimiter.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Frames that end with a delimiter of any bytes, such as {@code {0}}. The reader strips the
     * delimiter unless {@link #withDelimiterKept(boolean)}; the writer appends it.
     *
     * @param delimiter the delimiter, not empty; copied
     * @return the framing, with a maximum frame size of {@value #DEFAULT_MAX_FRAME_SIZE} bytes
     * @throws IllegalArgumentException if the delimiter is empty
     * @throws NullPointerException if it is null
     */
    public static Framing delimiter(byte[] delimiter) {
        Objects.requireNonNull(delimiter, "delimiter");
        if (delimiter.length == 0) {
            throw new IllegalArgumentException("delimiter must not be empty");
        }
        return new Framing(Kind.DELIMITER, 0, delimiter.clone(), false, 0, ByteOrder.BIG_ENDIAN, false,
                DEFAULT_MAX_FRAME_SIZE);
    }

    /**
     * Lines ending with {@code "\n"}: {@code delimiter("\n")}. A {@code '\r'} before the
     * {@code '\n'} stays in the frame; use {@code delimiter("\r\n")} for protocols that end every
     * line with both.
     *
     * @return the framing, with a maximum frame size of {@value #DEFAULT_MAX_FRAME_SIZE} bytes
     */
    public static Framing lines() {
        return delimiter(new byte[] {'\n'});
    }

    /**
     * Frames preceded by their length as an unsigned integer of {@code prefixLength} bytes,
     * big-endian (network byte order) and counting the payload only, as DNS over TCP's two-byte
     * prefix does. {@link #withByteOrder(ByteOrder)} and {@link #withLengthIncludingPrefix(boolean)}
     * change that.
     *
     * @param prefixLength 1, 2, 4 or 8
     * @return the framing, with a maximum frame size of {@value #DEFAULT_MAX_FRAME_SIZE} bytes (a
     *     one- or two-byte prefix cannot say more than 255 or 65,535 anyway)
     * @throws IllegalArgumentException if {@code prefixLength} is not 1, 2, 4 or 8
     */
    public static Framing lengthPrefix(int prefixLength) {
        if (prefixLength != 1 && prefixLength != 2 && prefixLength != 4 && prefixLength != 8) {
            throw new IllegalArgumentException("lengthPrefix must be 1, 2, 4 or 8 bytes, not " + prefixLength);
        }
        return new Framing(Kind.LENGTH_PREFIX, 0, null, false, prefixLength, ByteOrder.BIG_ENDIAN, false,
                DEFAULT_MAX_FRAME_SIZE);
    }

    /**
     * Returns this framing with another maximum frame size: the largest payload a reader accepts
     * and a writer sends. For fixed-length frames it must be at least the length, and the maximum
     * stays the length (every frame is that long), so this returns the same framing. A delimited
     * frame's reader buffers the payload with its delimiter in one array, so for a delimiter
     * framing the largest maximum is {@code Integer.MAX_VALUE - 8} less the delimiter's length.
     *
     * @param maxFrameSize 1 to {@code Integer.MAX_VALUE - 8} bytes (less the delimiter's length
     *     for a delimiter framing)
     * @return the new framing
     * @throws IllegalArgumentException if the size is outside that range, or below a fixed length
     */
    public Framing withMaxFrameSize(int maxFrameSize) {
        if (maxFrameSize < 1 || maxFrameSize > LARGEST_FRAME) {
            throw new IllegalArgumentException("maxFrameSize must be 1 to " + LARGEST_FRAME + " bytes, not " + maxFrameSize);
        }
        if (kind == Kind.DELIMITER && maxFrameSize > LARGEST_FRAME - delimiter.length) {
            throw new IllegalArgumentException("maxFrameSize of a delimiter framing must be 1 to "
                    + (LARGEST_FRAME - delimiter.length) + " bytes (a frame and its " + delimiter.length
                    + "-byte delimiter fit in one array), not " + maxFrameSize);
        }
        if (kind == Kind.FIXED_LENGTH && maxFrameSize < fixedLength) {
            throw new IllegalArgumentException("maxFrameSize " + maxFrameSize + " is smaller than the fixed length "
                    + fixedLength + " of every frame");
        }
        if (kind == Kind.FIXED_LENGTH) {
            return this;
        }
        return new Framing(kind, fixedLength, delimiter, delimiterKept, prefixLength, byteOrder, lengthIncludesPrefix,
                maxFrameSize);
    }

    /**
     * Returns this delimiter framing with the delimiter kept at the end of every frame read (it
     * is stripped by default). The writer appends the delimiter either way.
     *
     * @param kept whether frames read end with their delimiter
     * @return the new framing
     * @throws IllegalArgumentException if this is not a delimiter framing
     */
    public Framing withDelimiterKept(boolean kept) {
        require(Kind.DELIMITER, "withDelimiterKept");
        return new Framing(kind, fixedLength, delimiter, kept, prefixLength, byteOrder, lengthIncludesPrefix, maxFrameSize);
    }

    /**
     * Returns this length-prefix framing with the prefix in another byte order. Defaults to
     * {@link ByteOrder#BIG_ENDIAN}.
     *
     * @param order the byte order of the prefix
     * @return the new framing
     * @throws IllegalArgumentException if this is not a length-prefix framing
     * @throws NullPointerException if {@code order} is null
     */
    public Framing withByteOrder(ByteOrder order) {
        Objects.requireNonNull(order, "byteOrder");
        require(Kind.LENGTH_PREFIX, "withByteOrder");
        return new Framing(kind, fixedLength, delimiter, delimiterKept, prefixLength, order, lengthIncludesPrefix,
                maxFrameSize);
    }

    /**
     * Returns this length-prefix framing with a prefix that counts its own bytes too: with a
     * four-byte prefix, a 10-byte payload is announced as 14. Defaults to {@code false}: the
     * prefix counts the payload only.
     *
     * @param included whether the length includes the prefix
     * @return the new framing
     * @throws IllegalArgumentException if this is not a length-prefix framing
     */
    public Framing withLengthIncludingPrefix(boolean included) {
        require(Kind.LENGTH_PREFIX, "withLengthIncludingPrefix");
        return new Framing(kind, fixedLength, delimiter, delimiterKept, prefixLength, byteOrder, included, maxFrameSize);
    }

    private void require(Kind wanted, String option) {
        if (kind != wanted) {
            throw new IllegalArgumentException(option + " applies to " + wanted.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ') + " framing only, not to " + this);
        }
    }

    /** {@return the largest payload, in bytes, that a reader accepts and a writer sends} */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /**
     * Returns a reader of frames from a connection's {@linkplain Connection#input() input}, whose
     * error messages name the connection's remote address. The reader buffers: read the
     * connection's input through it only.
     *
     * @param connection the connection, which the reader does not close
     * @return the reader
     */
    public FrameReader reader(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        return reader(connection.input(), " from " + connection.remoteAddress());
    }

    /**
     * Returns a reader of frames from a stream. The reader buffers: read the stream through it
     * only.
     *
     * @param in the stream, which the reader does not close
     * @return the reader
     */
    public FrameReader reader(InputStream in) {
        return reader(Objects.requireNonNull(in, "in"), "");
    }

    private FrameReader reader(InputStream in, String source) {
        return switch (kind) {
            case FIXED_LENGTH -> new FixedLengthFrameReader(this, in, source, fixedLength);
            case DELIMITER -> new DelimitedFrameReader(this, in, source, delimiter, delimiterKept, maxFrameSize);
            case LENGTH_PREFIX -> new LengthPrefixedFrameReader(this, in, source, prefixLength,
                    byteOrder == ByteOrder.BIG_ENDIAN, lengthIncludesPrefix, maxFrameSize);
        };
    }

    /**
     * Returns a writer of frames to a connection's {@linkplain Connection#output() output}. Each
     * call makes a new writer, whose lock keeps apart only the frames written through it: make one
     * writer per connection and share it among the threads that write (see {@link FrameWriter}).
     *
     * @param connection the connection, which the writer does not close
     * @return the writer
     */
    public FrameWriter writer(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        return writer(connection.output());
    }

    /**
     * Returns a writer of frames to a stream. Each frame is written in one {@code write} call when
     * it fits in 16 KiB, in two otherwise, and the stream is flushed after each frame; see
     * {@link FrameWriter}. Each call makes a new writer: share one per stream among threads.
     *
     * @param out the stream, which the writer does not close
     * @return the writer
     */
    public FrameWriter writer(OutputStream out) {
        Objects.requireNonNull(out, "out");
        FrameEncoding encoding = switch (kind) {
            case FIXED_LENGTH -> FrameEncoding.fixedLength(fixedLength);
            case DELIMITER -> FrameEncoding.delimited(delimiter, maxFrameSize);
            case LENGTH_PREFIX -> FrameEncoding.lengthPrefixed(prefixLength, byteOrder == ByteOrder.BIG_ENDIAN,
                    lengthIncludesPrefix, maxFrameSize);
        };
        return new StreamFrameWriter(this, out, encoding);
    }

    /** {@return whether {@code other} is a framing that cuts and writes frames the same way} */
    @Override
    public boolean equals(Object other) {
        return other instanceof Framing that && kind == that.kind && fixedLength == that.fixedLength
                && java.util.Arrays.equals(delimiter, that.delimiter) && delimiterKept == that.delimiterKept
                && prefixLength == that.prefixLength && byteOrder.equals(that.byteOrder)
                && lengthIncludesPrefix == that.lengthIncludesPrefix && maxFrameSize == that.maxFrameSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, fixedLength, java.util.Arrays.hashCode(delimiter), delimiterKept, prefixLength,
                byteOrder, lengthIncludesPrefix, maxFrameSize);
    }

    /**
     * {@return a description such as {@code lengthPrefix(4, BIG_ENDIAN, payload only, max 1048576)}
     * or {@code delimiter("\r\n", max 8192)}}
     */
    @Override
    public String toString() {
        return switch (kind) {
            case FIXED_LENGTH -> "fixedLength(" + fixedLength + ")";
            case DELIMITER -> "delimiter(" + DelimiterText.of(delimiter) + (delimiterKept ? ", kept" : "") + ", max "
                    + maxFrameSize + ")";
            case LENGTH_PREFIX -> "lengthPrefix(" + prefixLength + ", " + byteOrder + ", "
                    + (lengthIncludesPrefix ? "including the prefix" : "payload only") + ", max " + maxFrameSize + ")";
        };
    }
}
