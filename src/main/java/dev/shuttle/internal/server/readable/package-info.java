/**
 * The readiness loop of {@code serveWhenReadable}: selectors led by one thread at a time that
 * call handlers inline, hand the lead on when a call waits or runs long, and the connections as
 * handlers see them there (or on a thread of their own).
 *
 * <p>May import: the public API ({@code dev.shuttle}), {@code internal.concurrent},
 * {@code internal.io}.
 */
package dev.shuttle.internal.server.readable;
