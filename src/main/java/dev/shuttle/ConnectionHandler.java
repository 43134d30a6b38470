package dev.shuttle;

/**
 * Handles one accepted connection, on a virtual thread of its own.
 *
 * <p>The server closes the connection when {@link #handle(Connection)} returns or throws; an
 * exception goes to the server's {@linkplain ServerOptions#errorHandler() error handler}, except
 * an {@link Error}, which closes the server and is thrown by {@link Server#serve}.
 *
 * <p>When the server closes ({@link Server#close()}, or the end of a {@link Server#shutdown}
 * grace), it closes the connection and interrupts the handler's thread: a handler blocked on
 * anything (its connection, a lock, a queue, a sleep) should let the resulting exception end it,
 * so that {@code serve} can return.
 */
@FunctionalInterface
public interface ConnectionHandler {

    /**
     * Handles the connection. May block for as long as the conversation lasts.
     *
     * @param connection the accepted connection, open
     * @throws Exception anything; it closes the connection and is reported to the error handler
     *     (an I/O error or an interrupt after the server closed is not: the server caused it)
     */
    void handle(Connection connection) throws Exception;
}
