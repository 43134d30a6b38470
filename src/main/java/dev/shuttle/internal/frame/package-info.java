/**
 * Frame readers and writers behind {@link dev.shuttle.Framing}: one buffered reader per kind of
 * framing (fixed length, delimiter, length prefix) and one writer with an encoding per kind.
 *
 * <p>May import: the public API ({@code dev.shuttle}), {@code internal.io}.
 */
package dev.shuttle.internal.frame;
