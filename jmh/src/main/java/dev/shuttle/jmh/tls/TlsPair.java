package dev.shuttle.jmh.tls;

import dev.shuttle.Connection;
import dev.shuttle.ConnectionHandler;
import dev.shuttle.Connector;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.TlsCertificate;
import dev.shuttle.TlsOptions;
import dev.shuttle.TlsServerOptions;
import dev.shuttle.internal.tcp.SocketConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS client and server of one implementation, measured the same way: the server serves each
 * connection on a virtual thread of its own, the client connects over loopback with TCP_NODELAY,
 * verifies the certificate and the IP address name, and never resumes a session.
 *
 * <p>{@code shuttle}: Shuttle's connector and server (BouncyCastle JSSE, JDK crypto first).
 * {@code sunjsse}: the JDK's own SunJSSE {@code SSLSocket} and {@code SSLServerSocket}.
 */
abstract class TlsPair implements AutoCloseable {
    abstract Connection connect() throws IOException;

    abstract int port();

    static TlsPair create(String implementation, String keyType, ConnectionHandler handler) throws Exception {
        TlsCertificate certificate = BenchmarkCertificates.selfSigned(keyType);
        return implementation.equals("shuttle") ? new ShuttlePair(certificate, handler) : new SunPair(certificate, handler);
    }

    private static final class ShuttlePair extends TlsPair {
        private final Server server;
        private final Thread serving;
        private final Connector connector;

        ShuttlePair(TlsCertificate certificate, ConnectionHandler handler) throws Exception {
            ServerOptions options = ServerOptions.builder().errorHandler(error -> { })
                    .tls(TlsServerOptions.builder().certificate(certificate).build()).build();
            server = Server.listen("tls://127.0.0.1:0", options);
            serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(handler);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            connector = Connector.tls(TlsOptions.builder().trustStore(BenchmarkCertificates.trustStore(certificate))
                    .sessionResumption(false).build());
        }

        @Override
        Connection connect() throws IOException {
            return connector.connect(server.address().toString());
        }

        @Override
        int port() {
            return server.address().port();
        }

        @Override
        public void close() throws InterruptedException {
            server.close();
            serving.join();
        }
    }

    private static final class SunPair extends TlsPair {
        private final SSLServerSocket listener;
        private final Thread serving;
        private final SSLContext client;

        SunPair(TlsCertificate certificate, ConnectionHandler handler) throws Exception {
            char[] password = "benchmark".toCharArray();
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(BenchmarkCertificates.keyStore(certificate, password), password);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(keys.getKeyManagers(), null, null);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(BenchmarkCertificates.trustStore(certificate));
            client = SSLContext.getInstance("TLS");
            client.init(null, trust.getTrustManagers(), null);
            listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1024, InetAddress.getLoopbackAddress());
            listener.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            serving = Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try {
                        SSLSocket accepted = (SSLSocket) listener.accept();
                        accepted.setTcpNoDelay(true);
                        Thread.ofVirtual().start(() -> {
                            try (Connection connection = new SocketConnection(accepted, dev.shuttle.Scheme.TLS)) {
                                accepted.startHandshake();
                                handler.handle(connection);
                            } catch (Exception ignored) {
                                // The client closed; nothing to measure.
                            }
                        });
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        @Override
        Connection connect() throws IOException {
            Socket plain = new Socket();
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
            SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(plain, "127.0.0.1", listener.getLocalPort(), true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            socket.getSession().invalidate();
            return new SocketConnection(socket, dev.shuttle.Scheme.TLS);
        }

        @Override
        int port() {
            return listener.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            listener.close();
            serving.join();
        }
    }
}
