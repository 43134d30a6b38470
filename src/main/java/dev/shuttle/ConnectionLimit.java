package dev.shuttle;

import java.util.Objects;

/**
 * How many connections a server keeps open at once, and what happens to one more: set with
 * {@link ServerOptions.Builder#connectionLimit(ConnectionLimit)}. The server's accept loop applies
 * it before a connection's TLS handshake, the same way under {@link Server#serve},
 * {@link Server#serveWhenReadable} and {@link Server#accept()}: a connection counts from its accept
 * until it is closed.
 *
 * <ul>
 *   <li>{@link #rejecting(int)}: a connection beyond the limit is closed at once, without a
 *       handshake, and reported to the error handler as an {@link java.io.IOException} naming the
 *       server and the limit (counted in {@link ServerStats} as {@code OVER_LIMIT}).
 *   <li>{@link #pausing(int)}: at the limit the server stops accepting, so new clients wait in the
 *       kernel's backlog until a connection closes.
 *   <li>{@link #none()}: no limit (the default).
 * </ul>
 *
 * <p>A value: equal when the same kind and the same maximum.
 */
public final class ConnectionLimit {
    private static final ConnectionLimit NONE = new ConnectionLimit(Integer.MAX_VALUE, false);

    private final int max;
    private final boolean pausing;

    private ConnectionLimit(int max, boolean pausing) {
        this.max = max;
        this.pausing = pausing;
    }

    /**
     * At most {@code max} open connections; each one beyond is closed as soon as it is accepted.
     *
     * @param max at least 1
     * @return the limit
     * @throws IllegalArgumentException if {@code max} is below 1
     */
    public static ConnectionLimit rejecting(int max) {
        return new ConnectionLimit(checked(max), false);
    }

    /**
     * At most {@code max} open connections; at the limit the server accepts nothing until one
     * closes.
     *
     * @param max at least 1
     * @return the limit
     * @throws IllegalArgumentException if {@code max} is below 1
     */
    public static ConnectionLimit pausing(int max) {
        return new ConnectionLimit(checked(max), true);
    }

    /** {@return no limit} */
    public static ConnectionLimit none() {
        return NONE;
    }

    private static int checked(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a connection limit must be at least 1, not " + max);
        }
        return max;
    }

    /** {@return the most connections open at once; {@link Integer#MAX_VALUE} for no limit} */
    public int max() {
        return max;
    }

    /** {@return whether the server stops accepting at the limit, rather than closing what is beyond} */
    public boolean isPausing() {
        return pausing;
    }

    /** {@return whether there is a limit at all} */
    public boolean isLimited() {
        return max != Integer.MAX_VALUE;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectionLimit that && max == that.max && pausing == that.pausing;
    }

    @Override
    public int hashCode() {
        return Objects.hash(max, pausing);
    }

    @Override
    public String toString() {
        return !isLimited() ? "ConnectionLimit[none]" : "ConnectionLimit[" + (pausing ? "pausing" : "rejecting") + " at " + max + "]";
    }
}
