package dev.shuttle.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte stream of encoded frames, written by hand (not by Shuttle's writer) so that it is an
 * independent oracle, with what a reader must return when the stream is cut at any point.
 */
final class FrameScript {
    /** One frame in the stream: its bytes are {@code [start, end)}; an oversize frame ends the script. */
    record Frame(byte[] expected, int start, int end, boolean oversize, long least, long announced) {}

    /** What one {@code readFrame()} must do. */
    sealed interface Outcome {}

    /** Returns these bytes. */
    record Returns(byte[] frame) implements Outcome {}

    /** Returns {@code null}: the stream ended between two frames. */
    record Ends() implements Outcome {}

    /** Throws {@link java.io.EOFException}: the stream ended inside a frame. */
    record EndsInside() implements Outcome {}

    /**
     * Throws {@link dev.shuttle.frame.FrameTooLargeException} whose {@code frameSize()} is at least
     * {@code least} and at most {@code announced}: exactly the announced size for a length prefix,
     * what arrived without a delimiter for a delimited frame.
     */
    record TooLarge(long least, long announced) implements Outcome {}

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<Frame> frames = new ArrayList<>();
    /** How many bytes of an oversize frame must arrive before the reader can tell it is too large. */
    private int oversizeThreshold;

    /** Adds a frame whose encoding is {@code encoded} and which a reader returns as {@code expected}. */
    void add(byte[] encoded, byte[] expected) {
        int start = bytes.size();
        bytes.writeBytes(encoded);
        frames.add(new Frame(expected, start, bytes.size(), false, 0, 0));
    }

    /**
     * Adds an oversize frame: its first bytes, of which the reader needs {@code threshold} to see
     * that it is too large, and the range its exception's frame size must fall in. Nothing after
     * it is read.
     */
    void addOversize(byte[] encodedStart, int threshold, long least, long announced) {
        int start = bytes.size();
        bytes.writeBytes(encodedStart);
        frames.add(new Frame(null, start, bytes.size(), true, least, announced));
        oversizeThreshold = threshold;
    }

    boolean endsWithOversize() {
        return !frames.isEmpty() && frames.getLast().oversize();
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    int length() {
        return bytes.size();
    }

    /** {@return what the reader must do, call by call, when the stream holds only the first {@code cut} bytes} */
    List<Outcome> outcomes(int cut) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Frame frame : frames) {
            if (cut == frame.start()) {
                outcomes.add(new Ends());
                return outcomes;
            }
            if (frame.oversize()) {
                outcomes.add(cut >= frame.start() + oversizeThreshold ? new TooLarge(frame.least(), frame.announced()) : new EndsInside());
                return outcomes;
            }
            if (cut < frame.end()) {
                outcomes.add(new EndsInside());
                return outcomes;
            }
            outcomes.add(new Returns(frame.expected()));
        }
        outcomes.add(new Ends());
        return outcomes;
    }
}
