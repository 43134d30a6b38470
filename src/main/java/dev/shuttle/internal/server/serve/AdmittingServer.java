package dev.shuttle.internal.server.serve;

import dev.shuttle.ConnectionHandler;
import dev.shuttle.ReadableHandler;
import dev.shuttle.Server;

/**
 * A server whose accept loop can apply an {@link Admission}: how a connection limit reaches the
 * servers of {@code Server.listen} and {@code Server.inherited}, so that the limit works the same
 * under {@code serve} and {@code serveWhenReadable}, before any TLS handshake.
 */
public interface AdmittingServer extends Server {
    /**
     * Serves as {@link #serve(ConnectionHandler)}, asking the admission for room before each
     * accept and for each accepted connection before it is prepared.
     *
     * @param handler the handler of each connection
     * @param admission the limit the accept loop applies
     * @throws InterruptedException if the calling thread was interrupted (the server is then closed)
     */
    void serve(ConnectionHandler handler, Admission admission) throws InterruptedException;

    /**
     * Serves as {@link #serveWhenReadable(ReadableHandler)}, keeping its model (connections that
     * can wait in a selector do), asking the admission as {@link #serve(ConnectionHandler, Admission)} does.
     *
     * @param handler the handler, called each time a connection has data
     * @param admission the limit the accept loop applies
     * @throws InterruptedException if the calling thread was interrupted (the server is then closed)
     */
    void serveWhenReadable(ReadableHandler handler, Admission admission) throws InterruptedException;
}
