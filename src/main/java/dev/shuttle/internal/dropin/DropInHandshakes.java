package dev.shuttle.internal.dropin;

import dev.shuttle.ConnectListener;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.TlsHandshake;
import dev.shuttle.internal.race.SafeListener;
import dev.shuttle.internal.tls.HandshakeObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Tells a {@link ConnectListener} of a drop-in TLS socket's handshake, as a connector's
 * {@code tls://} attempt tells it: {@code handshakeStarted}, then {@code handshakeSucceeded} or
 * {@code handshakeFailed}, for the endpoint {@code tls://host:port} the library asked for and the
 * address the socket is connected to. A listener's {@link RuntimeException} is logged and ignored;
 * an {@link Error} ends the handshake with it.
 */
public final class DropInHandshakes {
    private DropInHandshakes() {}

    /**
     * {@return what tells the listener of the handshake over {@code socket}, or
     * {@link HandshakeObserver#NONE} for no listener}
     *
     * @param listener the options' listener
     * @param host the server's name as the library gave it
     * @param port the server's port
     * @param socket the connected plain socket TLS goes over
     */
    public static HandshakeObserver observer(ConnectListener listener, String host, int port, Socket socket) {
        if (listener == null || listener == ConnectListener.NONE
                || !(socket.getRemoteSocketAddress() instanceof InetSocketAddress address)) {
            return HandshakeObserver.NONE;
        }
        ConnectListener safe = SafeListener.of(listener);
        Endpoint requested = requested(host, port, address);
        return new HandshakeObserver() {
            @Override
            public void started() {
                safe.handshakeStarted(requested, address);
            }

            @Override
            public void succeeded(TlsHandshake handshake) {
                safe.handshakeSucceeded(requested, address, handshake);
            }

            @Override
            public void failed(IOException failure) {
                safe.handshakeFailed(requested, address, failure);
            }
        };
    }

    /** {@code tls://host:port} as asked for; the connected address when the name is not a URI's host. */
    private static Endpoint requested(String host, int port, InetSocketAddress address) {
        try {
            return Endpoint.parse("tls://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
        } catch (IllegalArgumentException e) {
            return Endpoint.of(Scheme.TLS, new InetSocketAddress(address.getAddress(), port));
        }
    }
}
