package dev.shuttle.internal.server.serve;

import dev.shuttle.Endpoint;
import dev.shuttle.ServerListener;
import dev.shuttle.ServerStats;
import dev.shuttle.TlsHandshake;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * A user's {@link ServerListener} whose runtime exceptions are logged and ignored, as its Javadoc
 * promises. An {@link Error} passes through: the callers close the connection concerned and end
 * serving with it, as with a handler's Error.
 */
public final class SafeServerListener implements ServerListener {
    private static final System.Logger LOG = System.getLogger("dev.shuttle.server");

    private final ServerListener listener;

    private SafeServerListener(ServerListener listener) {
        this.listener = listener;
    }

    /**
     * {@return the listener, wrapped so that its exceptions are logged and ignored}
     *
     * @param listener a user's listener
     */
    public static ServerListener of(ServerListener listener) {
        return listener == ServerListener.NONE || listener instanceof SafeServerListener ? listener
                : new SafeServerListener(listener);
    }

    private interface Call {
        void run();
    }

    private static void call(String method, Call call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            try {
                LOG.log(Level.WARNING, "ServerListener." + method + " threw; ignored", e);
            } catch (RuntimeException loggingFailed) {
                // Ignored as documented, even when logging fails.
            }
        }
    }

    @Override
    public void accepted(Endpoint server, Endpoint client) {
        call("accepted", () -> listener.accepted(server, client));
    }

    @Override
    public void handshakeSucceeded(Endpoint server, Endpoint client, TlsHandshake handshake) {
        call("handshakeSucceeded", () -> listener.handshakeSucceeded(server, client, handshake));
    }

    @Override
    public void handshakeFailed(Endpoint server, Endpoint client, IOException failure) {
        call("handshakeFailed", () -> listener.handshakeFailed(server, client, failure));
    }

    @Override
    public void failed(Endpoint server, Throwable failure, Optional<ServerStats.ClientFailure> reason) {
        call("failed", () -> listener.failed(server, failure, reason));
    }
}
