package dev.shuttle;

/**
 * Handles one accepted connection, on a virtual thread of its own.
 *
 * <p>The server closes the connection when {@link #handle(Connection)} returns or throws; an
 * exception goes to the server's {@linkplain ServerOptions#errorHandler() error handler}.
 */
@FunctionalInterface
public interface ConnectionHandler {

    /**
     * Handles the connection. May block for as long as the conversation lasts.
     *
     * @param connection the accepted connection, open
     * @throws Exception anything; it closes the connection and is reported to the error handler
     */
    void handle(Connection connection) throws Exception;
}
