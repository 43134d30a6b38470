package dev.shuttle.internal.tls;

import dev.shuttle.internal.concurrent.ShuttleThreads;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HandshakeCompletedListener;

/**
 * The {@link HandshakeCompletedListener}s of a drop-in {@code SSLSocket}, told of the handshake on
 * a virtual thread of their own after it completed, as the JDK's {@code SSLSocket} tells them on a
 * thread of its own: a slow listener does not hold up the read or write that ran the handshake. A
 * listener that throws is logged ({@code dev.shuttle.tls}, WARNING) and the others are still told;
 * the socket and its reader never see the exception.
 */
final class HandshakeListeners {
    private static final System.Logger LOG = System.getLogger("dev.shuttle.tls");

    private final List<HandshakeCompletedListener> listeners = new CopyOnWriteArrayList<>();

    /** @throws IllegalArgumentException if the listener is null, as {@code SSLSocket} says */
    void add(HandshakeCompletedListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        listeners.add(listener);
    }

    /** @throws IllegalArgumentException if the listener is null or was not added, as {@code SSLSocket} says */
    void remove(HandshakeCompletedListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        if (!listeners.remove(listener)) {
            throw new IllegalArgumentException("listener " + listener + " was not added");
        }
    }

    /** Tells every listener added so far, on a new virtual thread; returns at once. */
    void completed(HandshakeCompletedEvent event) {
        if (listeners.isEmpty()) {
            return;
        }
        List<HandshakeCompletedListener> told = List.copyOf(listeners);
        ShuttleThreads.start("shuttle-tls-handshake-completed", () -> {
            for (HandshakeCompletedListener listener : told) {
                try {
                    listener.handshakeCompleted(event);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "HandshakeCompletedListener " + listener + " threw after the handshake of "
                            + event.getSocket() + "; the socket is unaffected", e);
                }
            }
        });
    }
}
