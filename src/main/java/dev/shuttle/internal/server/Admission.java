package dev.shuttle.internal.server;

import dev.shuttle.Connection;

/**
 * What a limit on open connections asks of a {@link ListeningServer}'s accept loop: room before
 * each accept and for each accepted connection before it is prepared (before a TLS handshake),
 * so that a full server neither accepts nor handshakes, and the room back once that connection is
 * done. The server calls {@link #release()} exactly once for each connection {@link #admit}
 * took room for.
 */
interface Admission {
    /** No limit. */
    Admission NONE = new Admission() {
        @Override
        public void awaitRoom() {}

        @Override
        public boolean admit(Connection accepted) {
            return true;
        }

        @Override
        public void release() {}
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

    /** Gives back the room of an admitted connection that is done with. */
    void release();
}
