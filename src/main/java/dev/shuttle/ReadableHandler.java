package dev.shuttle;

/**
 * Handles a connection each time it has data to read, for {@link Server#serveWhenReadable}:
 * between calls the connection waits without a thread of its own, so a server can hold many idle
 * connections for little more than their sockets.
 *
 * <p>Each call runs on a virtual thread of its own. It should read what has arrived (the first
 * read returns without waiting), answer, and return {@code true} to wait for more, or
 * {@code false} to have the server close the connection. A call may block, on a partial message
 * for instance, for as long as it needs. At the end of the stream (a read returns {@code -1}) it
 * must return {@code false}: a connection at its end stays readable, and would be handed back at
 * once.
 *
 * <p>Only the connection carries over from one call to the next. Bytes a call has read but not
 * used are lost unless the handler keeps them: a {@link FrameReader} reads ahead (up to 8 KiB), so
 * a handler that reads frames either keeps one reader per connection (in a map it owns, removed
 * when it returns {@code false}) or serves a peer that sends one message and waits for the answer.
 *
 * {@snippet :
 * server.serveWhenReadable(connection -> {
 *     byte[] buffer = new byte[4096];
 *     int n = connection.input().read(buffer);   // data is waiting: returns at once
 *     if (n < 0) {
 *         return false;                           // the peer closed: the server closes too
 *     }
 *     connection.output().write(buffer, 0, n);
 *     return true;                                // wait for more, without a thread
 * });
 * }
 */
@FunctionalInterface
public interface ReadableHandler {

    /**
     * Handles the data that has arrived on the connection.
     *
     * @param connection the connection, open, with data to read or at its end
     * @return {@code true} to keep the connection and call again when more data arrives;
     *     {@code false} to close it
     * @throws Exception anything; it closes the connection and is reported to the server's
     *     {@linkplain ServerOptions#errorHandler() error handler}
     */
    boolean onReadable(Connection connection) throws Exception;
}
