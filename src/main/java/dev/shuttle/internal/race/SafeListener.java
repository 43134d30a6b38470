package dev.shuttle.internal.race;

import dev.shuttle.ConnectListener;
import dev.shuttle.Endpoint;
import dev.shuttle.ServiceEndpoint;
import dev.shuttle.TlsHandshake;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.util.List;

/**
 * A user's {@link ConnectListener} whose runtime exceptions are logged and ignored, as its Javadoc
 * promises, so that a faulty listener can neither hang a race nor leak a connection.
 *
 * <p>An {@link Error} passes through on purpose: it is a bug or a broken JVM, not something to
 * log and carry on after. The callers are its boundary: they close what they opened and end the
 * connect with it ({@link HappyEyeballsRace}, {@link HappyEyeballsConnector}, the default
 * connector's one attempt to an IP address).
 */
public final class SafeListener implements ConnectListener {
    private static final System.Logger LOG = System.getLogger("dev.shuttle.connect");

    private final ConnectListener listener;

    private SafeListener(ConnectListener listener) {
        this.listener = listener;
    }

    /**
     * {@return the listener, wrapped so that its exceptions are logged and ignored}
     *
     * @param listener a user's listener
     */
    public static ConnectListener of(ConnectListener listener) {
        return listener == ConnectListener.NONE || listener instanceof SafeListener ? listener : new SafeListener(listener);
    }

    private interface Call {
        void run();
    }

    private void call(String method, Call call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ConnectListener." + method + " threw; ignored", e);
        }
    }

    @Override
    public void lookupStarted(Endpoint endpoint, StandardProtocolFamily family) {
        call("lookupStarted", () -> listener.lookupStarted(endpoint, family));
    }

    @Override
    public void lookupAnswered(Endpoint endpoint, StandardProtocolFamily family, List<InetAddress> addresses) {
        call("lookupAnswered", () -> listener.lookupAnswered(endpoint, family, addresses));
    }

    @Override
    public void lookupFailed(Endpoint endpoint, StandardProtocolFamily family, IOException failure) {
        call("lookupFailed", () -> listener.lookupFailed(endpoint, family, failure));
    }

    @Override
    public void attemptStarted(Endpoint endpoint, InetSocketAddress address) {
        call("attemptStarted", () -> listener.attemptStarted(endpoint, address));
    }

    @Override
    public void attemptFailed(Endpoint endpoint, InetSocketAddress address, IOException failure) {
        call("attemptFailed", () -> listener.attemptFailed(endpoint, address, failure));
    }

    @Override
    public void attemptSucceeded(Endpoint endpoint, InetSocketAddress address) {
        call("attemptSucceeded", () -> listener.attemptSucceeded(endpoint, address));
    }

    @Override
    public void attemptStarted(Endpoint endpoint, InetSocketAddress address, ServiceEndpoint service) {
        call("attemptStarted", () -> listener.attemptStarted(endpoint, address, service));
    }

    @Override
    public void servicesAnswered(Endpoint endpoint, List<ServiceEndpoint> services) {
        call("servicesAnswered", () -> listener.servicesAnswered(endpoint, services));
    }

    @Override
    public void servicesFailed(Endpoint endpoint, IOException failure) {
        call("servicesFailed", () -> listener.servicesFailed(endpoint, failure));
    }

    @Override
    public void handshakeStarted(Endpoint endpoint, InetSocketAddress address) {
        call("handshakeStarted", () -> listener.handshakeStarted(endpoint, address));
    }

    @Override
    public void handshakeSucceeded(Endpoint endpoint, InetSocketAddress address, TlsHandshake handshake) {
        call("handshakeSucceeded", () -> listener.handshakeSucceeded(endpoint, address, handshake));
    }

    @Override
    public void handshakeFailed(Endpoint endpoint, InetSocketAddress address, IOException failure) {
        call("handshakeFailed", () -> listener.handshakeFailed(endpoint, address, failure));
    }

    @Override
    public void poolConnectionAcquired(Endpoint endpoint, boolean reused) {
        call("poolConnectionAcquired", () -> listener.poolConnectionAcquired(endpoint, reused));
    }

    @Override
    public void poolConnectionEvicted(Endpoint endpoint, Eviction reason) {
        call("poolConnectionEvicted", () -> listener.poolConnectionEvicted(endpoint, reason));
    }
}
