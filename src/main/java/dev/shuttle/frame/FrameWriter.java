package dev.shuttle.frame;

import dev.shuttle.Connection;
import java.io.IOException;

/**
 * Writes frames to a byte stream as its {@link Framing} says: a fixed-length payload as it is, a
 * delimited payload followed by the delimiter, a length-prefixed payload after its prefix. Made by
 * {@link Framing#writer(Connection)} or {@link Framing#writer(java.io.OutputStream)}.
 *
 * <p>Each frame (prefix, payload and delimiter together) goes to the stream in one {@code write}
 * call when it fits in 16 KiB, and in two otherwise (the prefix with the payload's first 16 KiB,
 * or the delimiter with its last), never as a lone prefix or delimiter; a fixed-length frame is
 * written as it is. The stream is flushed after each frame. The writer copies through a buffer
 * shared by the process, so it holds no memory between frames. Every check (the size, a fixed length, a delimiter inside a
 * payload) is made before anything is written, so a refused frame leaves the stream as it was.
 *
 * <p>Thread-safe: frames written by several threads at once through <em>one</em> writer never
 * interleave (the writer holds a lock while it writes one frame). The lock belongs to the writer,
 * not to the stream, and every {@link Framing#writer(Connection)} call makes a new writer: share
 * one {@code FrameWriter} per connection among the threads that write to it. Two writers on one
 * stream can interleave the writes of their frames and corrupt the stream.
 *
 * {@snippet :
 * FrameWriter frames = Framing.lengthPrefix(2).writer(connection);
 * frames.writeFrame(query);    // two bytes of length, then the query, in one write
 * }
 */
public interface FrameWriter {

    /**
     * Writes one frame; see {@link #writeFrame(byte[], int, int)}.
     *
     * @param payload the payload
     * @throws IllegalArgumentException as for {@link #writeFrame(byte[], int, int)}
     * @throws IOException if writing failed
     */
    default void writeFrame(byte[] payload) throws IOException {
        writeFrame(payload, 0, payload.length);
    }

    /**
     * Writes one frame, blocking until the stream has taken all of it.
     *
     * @param payload holds the payload
     * @param offset where the payload starts
     * @param length the payload's size
     * @throws IllegalArgumentException before writing anything, if the payload is larger than the
     *     maximum frame size or than the length prefix can say, is not exactly the fixed length,
     *     or contains the delimiter (the peer would read two frames), or ends with the start of a
     *     delimiter that overlaps itself so that the appended delimiter completes it early (with
     *     {@code "\r\n\r\n"}, a payload ending in {@code "\r\n"}; with {@code "\n\n"}, one ending
     *     in {@code "\n"}): the peer would end the frame at the wrong place
     * @throws IndexOutOfBoundsException if {@code offset} and {@code length} are outside the array
     * @throws IOException if writing failed; the peer may have received part of the frame
     */
    void writeFrame(byte[] payload, int offset, int length) throws IOException;

    /** {@return the framing this writer applies} */
    Framing framing();
}
