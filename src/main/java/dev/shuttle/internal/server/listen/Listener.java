package dev.shuttle.internal.server.listen;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import java.io.IOException;

/**
 * A bound listening socket of one transport: it only accepts and closes. The server over it
 * ({@code AcceptLoopServer}) adds serving, pausing and error handling, the same for every transport.
 */
public interface Listener extends AutoCloseable {

    /**
     * Blocks until a client connects.
     *
     * @return the connection
     * @throws IOException if accepting failed, or the listener is closed
     */
    Connection accept() throws IOException;

    /** {@return the bound address} */
    Endpoint address();

    /** {@return whether the listener is open} */
    boolean isOpen();

    /** Closes the listener; a blocked {@link #accept()} throws. Idempotent. */
    @Override
    void close();
}
