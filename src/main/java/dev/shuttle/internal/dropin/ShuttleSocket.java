package dev.shuttle.internal.dropin;

import java.net.Socket;
import java.net.SocketException;

/**
 * A {@link Socket} whose connect goes through Shuttle: it is built on the JDK's own extension point,
 * {@link Socket#Socket(java.net.SocketImpl)}, so {@code Socket} keeps its state, argument checks
 * and stream wrappers, and its {@link ShuttleSocketImpl} connects through a Shuttle connector and
 * then delegates every call to the connected socket. It is unconnected when created.
 */
public final class ShuttleSocket extends Socket {
    private final ShuttleSocketImpl impl;

    private ShuttleSocket(ShuttleSocketImpl impl) throws SocketException {
        super(impl);
        this.impl = impl;
    }

    /**
     * Creates an unconnected socket.
     *
     * @param connector what its connect goes through
     * @return the socket
     */
    public static ShuttleSocket unconnected(DropInConnector connector) {
        try {
            return new ShuttleSocket(new ShuttleSocketImpl(connector));
        } catch (SocketException e) {
            throw new IllegalStateException("Socket(SocketImpl) refused a Shuttle socket", e);
        }
    }

    /** Also closed when the connected socket underneath was closed (by an interrupted read, say). */
    @Override
    public boolean isClosed() {
        return super.isClosed() || impl.isClosed();
    }

    @Override
    public String toString() {
        return isConnected() ? "ShuttleSocket[" + getRemoteSocketAddress() + " <- " + getLocalSocketAddress() + "]"
                : "ShuttleSocket[unconnected]";
    }
}
