package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.crypto.BouncyCastle;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} that hands out what Shuttle's TLS client uses: engines set up as its own
 * connections are ({@link TlsClient#engine}), and a given socket factory (Shuttle's drop-in one).
 * For libraries that take an {@code SSLContext} ({@code java.net.http.HttpClient}, say). It is
 * initialised already and refuses {@code init}; it has no server side.
 */
public final class EngineSslContext extends SSLContext {
    private EngineSslContext(Spi spi) {
        super(spi, BouncyCastle.jsse(), "TLS");
    }

    /**
     * {@return a context over this client, whose socket factory is {@code sockets}}
     *
     * @param client the TLS client whose engines it hands out
     * @param sockets what {@link SSLContext#getSocketFactory()} returns
     */
    public static SSLContext of(TlsClient client, SSLSocketFactory sockets) {
        return new EngineSslContext(new Spi(client, sockets));
    }

    private static final class Spi extends SSLContextSpi {
        private final TlsClient client;
        private final SSLSocketFactory sockets;

        Spi(TlsClient client, SSLSocketFactory sockets) {
            this.client = client;
            this.sockets = sockets;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) throws KeyManagementException {
            throw new KeyManagementException("This SSLContext is set up by Shuttle's TlsOptions already (" + client.options()
                    + "); change the options instead of calling init");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return sockets;
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw new UnsupportedOperationException("This SSLContext is a TLS client's; a Shuttle TLS server takes "
                    + "TlsServerOptions (Server.listen(\"tls://...\"))");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return client.engine(null, -1);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return client.engine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw new UnsupportedOperationException("This SSLContext is a TLS client's: it has no server sessions");
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return client.sessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return client.defaultParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return client.supportedParameters();
        }
    }
}
