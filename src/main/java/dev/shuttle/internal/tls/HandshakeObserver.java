package dev.shuttle.internal.tls;

import dev.shuttle.TlsHandshake;
import java.io.IOException;

/**
 * Told of a drop-in TLS socket's handshake, which runs later than its connect (at
 * {@code startHandshake()} or the first read or write), on the thread that runs it: so a
 * {@code ConnectListener} hears of it as it hears of a connector's handshakes.
 */
public interface HandshakeObserver {
    /** Observes nothing. */
    HandshakeObserver NONE = new HandshakeObserver() {
        @Override
        public void started() {}

        @Override
        public void succeeded(TlsHandshake handshake) {}

        @Override
        public void failed(IOException failure) {}
    };

    /** The handshake starts. */
    void started();

    /** The handshake completed and the server's certificate was verified. */
    void succeeded(TlsHandshake handshake);

    /** The handshake failed with this exception, which the caller gets too. */
    void failed(IOException failure);
}
