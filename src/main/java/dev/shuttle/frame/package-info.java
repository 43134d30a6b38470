/**
 * Frame boundaries over a connection's byte stream: start with {@link dev.shuttle.frame.Framing}
 * (fixed length, delimiter or length prefix, always with a maximum frame size), which makes a
 * {@link dev.shuttle.frame.FrameReader} and a {@link dev.shuttle.frame.FrameWriter}.
 *
 * <p>May import: the public API ({@code dev.shuttle}), {@code internal.frame}.
 */
package dev.shuttle.frame;
