package dev.shuttle.internal.server.admit;

import dev.shuttle.Connection;

/**
 * What a limit on open connections asks of an {@link AdmittingServer}'s accept loop: room before
 * each accept and for each accepted connection before it is prepared (before a TLS handshake),
 * so that a full server neither accepts nor handshakes, and the room back once that connection is
 * done. The server calls {@link #release} exactly once for each connection {@link #admit} took
 * room for, and {@link #serving} before a handler first sees it.
 */
public interface Admission {
    /** No limit. */
    Admission NONE = new Admission() {
        @Override
        public void awaitRoom() {}

        @Override
        public boolean admit(Connection accepted) {
            return true;
        }

        @Override
        public void release(Connection connection) {}
    };

    /**
     * Waits, on the accept loop, until there may be room for one more connection or the server
     * is closed; new clients wait in the kernel's backlog meanwhile.
     *
     * @throws InterruptedException if the accept loop was interrupted
     */
    void awaitRoom() throws InterruptedException;

    /**
     * Takes room for a connection just accepted, or refuses it (having reported it); the server
     * closes a refused connection.
     *
     * @param accepted the connection, not yet prepared
     * @return whether it may be served
     * @throws InterruptedException if the accept loop was interrupted while waiting for room
     */
    boolean admit(Connection accepted) throws InterruptedException;

    /**
     * An admitted connection, as its handler will see it (after the TLS handshake, or wrapped for
     * {@code serveWhenReadable}), is about to be served. Called at most once per connection.
     *
     * @param connection the connection the handler sees
     */
    default void serving(Connection connection) {}

    /**
     * Gives back the room of an admitted connection that is done with.
     *
     * @param connection the connection given to {@link #serving}, or as admitted if it never was
     */
    void release(Connection connection);
}
