package dev.shuttle.internal.server.readable;

import dev.shuttle.Connection;
import dev.shuttle.ReadableHandler;

/**
 * {@code serveWhenReadable} for a connection that keeps a thread of its own (TLS, or a server that
 * wraps another): between calls the thread waits for data without the connection's read timeout,
 * then calls the handler, until it returns {@code false}. The same rules as on a selector: the
 * read timeout bounds only the waits inside a call, and a call comes at the end of the stream too.
 */
public final class OwnThreadCalls {
    private OwnThreadCalls() {}

    /**
     * Calls the handler each time data arrives, until it returns {@code false}.
     *
     * @param handler the handler
     * @param connection the connection, which the caller closes afterwards
     * @throws Exception what the handler or a read between calls threw
     */
    public static void run(ReadableHandler handler, Connection connection) throws Exception {
        PeekedConnection peeked = new PeekedConnection(connection);
        do {
            peeked.awaitData();
        } while (handler.onReadable(peeked));
    }
}
