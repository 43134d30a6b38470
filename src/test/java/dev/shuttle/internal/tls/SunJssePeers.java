package dev.shuttle.internal.tls;

import dev.shuttle.testing.Bounded;
import dev.shuttle.tls.TlsCertificate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** The JDK's own SunJSSE as the other side of Shuttle's TLS: an independent implementation. */
final class SunJssePeers {
    private SunJssePeers() {}

    /** A SunJSSE listener on loopback with this certificate; {@code tune} adjusts its parameters. */
    static SSLServerSocket server(TlsCertificate certificate, Consumer<SSLParameters> tune) throws Exception {
        char[] password = "interop".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", certificate.privateKey(), password, certificate.chain().toArray(Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        SSLParameters parameters = listener.getSSLParameters();
        tune.accept(parameters);
        listener.setSSLParameters(parameters);
        return listener;
    }

    /** What a one-connection server does with the connection it accepts. */
    interface AcceptedHandler {
        void handle(Socket accepted) throws Exception;
    }

    /** One connection accepted and handled on a virtual thread; closing closes the listener and waits for it. */
    static final class OneConnection implements AutoCloseable {
        private final SSLServerSocket listener;
        private final Thread serving;
        private volatile Throwable failure;

        private OneConnection(SSLServerSocket listener, AcceptedHandler handler) {
            this.listener = listener;
            this.serving = Thread.ofVirtual().start(() -> {
                try (Socket accepted = listener.accept()) {
                    handler.handle(accepted);
                } catch (Throwable e) {
                    failure = e;
                }
            });
        }

        /** {@return what the handler or the accept threw, if anything; read it after {@link #close()}} */
        Throwable failure() {
            return failure;
        }

        @Override
        public void close() throws Exception {
            listener.close();
            Bounded.join(serving, "the SunJSSE peer's accept loop");
        }
    }

    /** Accepts one connection on {@code listener} and hands it to {@code handler} on a virtual thread. */
    static OneConnection serveOne(SSLServerSocket listener, AcceptedHandler handler) {
        return new OneConnection(listener, handler);
    }

    /**
     * A SunJSSE client connected to a loopback port, trusting the CA of {@code pki} and verifying the
     * name {@code localhost}; {@code tune} adjusts its parameters before the (lazy) handshake.
     */
    static SSLSocket client(TestCertificates pki, int port, Consumer<SSLParameters> tune) throws Exception {
        SSLContext client = SSLContext.getInstance("TLS");
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(pki.caStore());
        client.init(null, trust.getTrustManagers(), null);
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(plain, "localhost", port, true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tune.accept(parameters);
            socket.setSSLParameters(parameters);
            return socket;
        } catch (Exception e) {
            plain.close();
            throw e;
        }
    }
}
