package dev.shuttle.internal.server;

import dev.shuttle.Connection;
import dev.shuttle.internal.proxyprotocol.ProxiedConnection;
import dev.shuttle.internal.proxyprotocol.ProxyHeaderReader;
import dev.shuttle.internal.server.serve.CertificateReload;
import dev.shuttle.internal.server.serve.ConnectionSetup;
import java.io.IOException;

/**
 * The setup of a server with the PROXY protocol option: reads the PROXY header first, before any
 * TLS record, then runs the setup underneath (the TLS handshake, if any) and hands on a connection
 * whose remote address is the original client. Without a header (when it is optional) the setup
 * underneath gets the connection with the bytes looked at given back, and hands it on as it is.
 * What the setup underneath counts and reloads (handshakes, certificates) is its own.
 */
final class ProxyHeaderSetup implements ConnectionSetup {
    private final ProxyHeaderReader headers;
    private final ConnectionSetup then;

    ProxyHeaderSetup(ProxyHeaderReader headers, ConnectionSetup then) {
        this.headers = headers;
        this.then = then;
    }

    @Override
    public Connection prepare(Connection accepted) throws IOException {
        ProxyHeaderReader.Outcome read;
        try {
            read = headers.accept(accepted);
        } catch (IOException | RuntimeException | Error e) {
            accepted.close();
            throw e;
        }
        Connection prepared = then.prepare(read.connection());
        return read.header() == null ? prepared : new ProxiedConnection(prepared, read.header());
    }

    @Override
    public long completedHandshakes() {
        return then.completedHandshakes();
    }

    @Override
    public CertificateReload certificateReload() {
        return then.certificateReload();
    }
}
