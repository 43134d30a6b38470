/**
 * Frame readers and writers behind {@link dev.shuttle.frame.Framing}: one buffered reader per kind of
 * framing (fixed length, delimiter, length prefix) and one writer with an encoding per kind.
 *
 * <p>May import: {@code dev.shuttle.frame}, the public API ({@code dev.shuttle}), {@code internal.io}.
 */
package dev.shuttle.internal.frame;
