package dev.shuttle.internal.server.listen;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import java.io.IOException;

/**
 * The TCP listener of a {@code tls://} server: accepts plaintext TCP connections (the handshake is
 * the server's {@code ConnectionSetup}, run on each connection's own thread) and gives its address
 * as {@code tls://}.
 */
public final class TlsListener implements Listener {
    private final Listener tcp;
    private final Endpoint address;

    /**
     * Wraps the TCP listener of a {@code tls://} server.
     *
     * @param tcp the listener, which this one closes
     */
    public TlsListener(Listener tcp) {
        this.tcp = tcp;
        this.address = tcp.address().withScheme(Scheme.TLS);
    }

    @Override
    public Connection accept() throws IOException {
        return tcp.accept();
    }

    @Override
    public Endpoint address() {
        return address;
    }

    @Override
    public boolean isOpen() {
        return tcp.isOpen();
    }

    @Override
    public void close() {
        tcp.close();
    }
}
