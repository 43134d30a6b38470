package dev.shuttle.internal.io;

/**
 * A served connection an idle timeout watches: it tells when bytes last moved, and can be closed
 * for having been idle, after which its reads and writes fail with the reason.
 */
public interface IdleWatched {

    /**
     * Tells the connection that an idle timeout now watches it, so that it starts noting its
     * activity (a connection nobody watches need not read the clock on every read and write).
     */
    default void watchedForIdleness() {}

    /** {@return the {@link System#nanoTime()} reading (or the watch's clock) of the last read or write that moved bytes, or of when the watch began} */
    long lastActivity();

    /**
     * Closes the connection for having been idle: a read or write blocked on it, and every later
     * one, fails with {@code why} (a fresh copy per call, with the transport's own failure as cause).
     *
     * @param why what to throw, naming the peer and the timeout
     */
    void closeIdle(IdleClosedException why);

    /**
     * {@return a fresh copy of {@code why} for one failing call, caused by what the transport threw}
     *
     * @param why the reason the connection was closed
     * @param cause what the call underneath threw, or null
     */
    static IdleClosedException failure(IdleClosedException why, Throwable cause) {
        IdleClosedException copy = new IdleClosedException(why.getMessage());
        if (cause != null) {
            copy.initCause(cause);
        }
        return copy;
    }
}
