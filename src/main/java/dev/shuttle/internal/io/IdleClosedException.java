package dev.shuttle.internal.io;

import java.net.SocketTimeoutException;

/**
 * What a read or write fails with on a served connection the server's idle timeout closed: a
 * {@link SocketTimeoutException} naming the client and the timeout. Its own type lets the server
 * tell a handler rethrowing it from a new failure: the server reports each idle close once, when
 * it closes the connection, whatever the handler does with the exception.
 */
public final class IdleClosedException extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;
    /** How deep a cause chain is searched. */
    private static final int MAX_DEPTH = 8;

    /**
     * Creates the exception.
     *
     * @param message names the client and the timeout
     */
    public IdleClosedException(String message) {
        super(message);
    }

    /**
     * {@return whether {@code failure}, or one of its first causes, is an idle close} (a handler
     * may wrap what its read threw)
     *
     * @param failure what a handler threw
     */
    public static boolean isIn(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof IdleClosedException) {
                return true;
            }
        }
        return false;
    }
}
