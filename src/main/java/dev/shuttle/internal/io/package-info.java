/**
 * Stream plumbing every transport shares: connection input and output streams, buffer pool,
 * idle checks, the forwarding connection, timeouts and their wording, and the exceptions of
 * failed connects and accepts.
 *
 * <p>May import: the public API ({@code dev.shuttle}), {@code internal.concurrent}.
 */
package dev.shuttle.internal.io;
