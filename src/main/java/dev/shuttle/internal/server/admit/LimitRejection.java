package dev.shuttle.internal.server.admit;

import java.io.IOException;

/**
 * A connection a server closed at once because it was at its connection limit: expected under
 * load, so the default error handler counts it and logs it quietly, as it does what clients do.
 */
public final class LimitRejection extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the server, its limit and the connection closed
     */
    public LimitRejection(String message) {
        super(message);
    }
}
