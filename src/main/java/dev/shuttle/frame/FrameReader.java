package dev.shuttle.frame;

import dev.shuttle.Connection;
import java.io.IOException;

/**
 * Reads whole frames from a byte stream, cut as its {@link Framing} says. Made by
 * {@link Framing#reader(Connection)} or {@link Framing#reader(java.io.InputStream)}.
 *
 * <p>The reader buffers what it reads (8 KiB at first, more only for a longer delimited frame, up
 * to the maximum frame size plus the delimiter, and back to 8 KiB once that frame is returned and
 * what follows it fits): once a stream has a reader, read it only through the reader.
 * Reads are large ({@code read(byte[], int, int)}, never a byte at a time), many frames arriving in
 * one read are returned one by one without reading again, and a long frame is read straight into
 * the array that is returned.
 *
 * <p>Memory grows with what the peer has sent, never with what it announced: beyond the 8 KiB
 * buffer, a frame in progress holds at most about twice the bytes of it that have arrived. A length
 * prefix announcing the maximum frame size, or a large fixed length, costs nothing until the
 * payload comes; the frame's array starts with the first bytes and doubles as more arrive, up to
 * the frame's size. A delimited frame's buffer doubles only when it is full of the frame's bytes.
 * So a peer that announces large frames and stalls cannot make a server hold memory it did not
 * send; bound what it can send with the maximum frame size and the number of connections.
 *
 * <p>Not thread-safe: one thread at a time reads frames, while another may write with a
 * {@link FrameWriter} on the same connection.
 *
 * <p>After a {@link java.net.SocketTimeoutException} (the connection's
 * {@linkplain Connection#setReadTimeout read timeout} passed) the reader stays usable: what had
 * arrived of the frame is kept and the next {@link #readFrame()} goes on with the same frame.
 * After any other exception (end of stream inside a frame, a frame too large, a reset, an
 * interrupt) the reader's place in the stream is lost, so it is unusable: every later call throws
 * an {@link IOException} whose cause is the first failure. Close the connection.
 *
 * {@snippet :
 * FrameReader frames = Framing.lengthPrefix(4).reader(connection);
 * for (byte[] frame; (frame = frames.readFrame()) != null; ) {
 *     handle(frame);
 * }
 * // the peer closed the connection between two frames
 * }
 */
public interface FrameReader {

    /**
     * Reads the next frame, blocking until all of it has arrived.
     *
     * @return the frame's payload, a new array of exactly its size (without a length prefix; without
     *     the delimiter unless the framing keeps it); or {@code null} when the stream ended cleanly,
     *     exactly between two frames
     * @throws java.io.EOFException if the stream ended inside a frame; the message says how many
     *     bytes of what (the frame, its length prefix, its delimiter) were missing
     * @throws FrameTooLargeException if a frame is larger than the maximum frame size, or a
     *     delimiter does not come within it; thrown as soon as a length prefix announces it (before
     *     any of the frame is read), and after at most the maximum frame size plus the delimiter of
     *     a delimited one
     * @throws java.net.ProtocolException if a length prefix that counts itself is smaller than the
     *     prefix
     * @throws java.net.SocketTimeoutException if the connection's read timeout passed; the reader
     *     stays usable
     * @throws IOException if reading failed, or the reader failed before
     */
    byte[] readFrame() throws IOException;

    /** {@return the framing this reader applies} */
    Framing framing();
}
