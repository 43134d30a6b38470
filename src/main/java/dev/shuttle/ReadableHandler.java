package dev.shuttle;


/**
 * Handles a connection each time it has data to read, for {@link Server#serveWhenReadable}:
 * between calls the connection waits without a thread of its own, so a server can hold many idle
 * connections for little more than their sockets.
 *
 * <p>A call should read what has arrived (the first read returns without waiting), answer, and
 * return {@code true} to wait for more, or {@code false} to have the server close the connection.
 * At the end of the stream (a read returns {@code -1}) it must return {@code false}: a connection
 * at its end stays readable, and would be handed back at once.
 *
 * <p>How calls run: on TCP and Unix connections the server's loop thread calls the handler
 * itself, inline, as an event loop would, and reads and writes go straight to the non-blocking
 * socket; a call that neither waits nor runs long costs no thread hand-off and no system call
 * besides its reads and writes. A call may still block, for as long as it needs:
 * <ul>
 *   <li>a read that finds no data (the rest of a partial message) or a write that cannot finish
 *       (a peer that does not read) hands the loop to a fresh virtual thread first, then waits as
 *       an ordinary blocking call; the connection's {@linkplain Connection#setReadTimeout read
 *       timeout} applies to a read's wait, its {@linkplain Connection#setWriteTimeout write
 *       timeout} to a write's. That hand-over costs a few microseconds.
 *   <li>a call that blocks on something else (a database, a lock, a sleep) or computes for long
 *       delays the other connections of its loop for a time slice, one to two milliseconds,
 *       after which the loop is taken from it and it finishes on its own thread.
 * </ul>
 * Either way other connections keep being served, and no call runs twice at once for one
 * connection. TLS connections call the handler on a thread per connection instead.
 *
 * <p>Only the connection carries over from one call to the next. Bytes a call has read but not
 * used are lost unless the handler keeps them: a {@code FrameReader} reads ahead (up to 8 KiB), so
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
