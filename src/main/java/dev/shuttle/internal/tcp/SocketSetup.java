package dev.shuttle.internal.tcp;

import dev.shuttle.SocketOptions;
import java.io.IOException;
import java.net.Socket;

/** Applies {@link SocketOptions} to a socket. */
public final class SocketSetup {
    private SocketSetup() {}

    /**
     * Applies the options that a socket takes after it is created (all but the local address).
     *
     * @param socket the socket
     * @param options the options
     * @throws IOException if the socket refuses one
     */
    public static void apply(Socket socket, SocketOptions options) throws IOException {
        socket.setTcpNoDelay(options.tcpNoDelay());
        if (options.keepAlive()) {
            socket.setKeepAlive(true);
        }
        if (options.sendBufferSize() > 0) {
            socket.setSendBufferSize(options.sendBufferSize());
        }
        if (options.receiveBufferSize() > 0) {
            socket.setReceiveBufferSize(options.receiveBufferSize());
        }
        if (options.reuseAddress()) {
            socket.setReuseAddress(true);
        }
    }
}
