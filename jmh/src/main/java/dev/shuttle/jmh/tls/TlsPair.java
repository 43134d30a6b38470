package dev.shuttle.jmh.tls;

import dev.shuttle.Connection;
import dev.shuttle.ConnectionHandler;
import dev.shuttle.Connector;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.tcp.SocketConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS client and server of one implementation, measured the same way: the server serves each
 * connection on a virtual thread of its own, the client connects over loopback with TCP_NODELAY,
 * verifies the certificate and the IP address name, and never resumes a session.
 *
 * <p>Both negotiate TLS 1.3 with {@code TLS_AES_128_GCM_SHA256} (SunJSSE is given Shuttle's
 * suite order; by itself it would pick AES-256) and the key exchange group each client offers
 * first (x25519 for both). Resumption is off on both sides: Shuttle's client invalidates its
 * sessions and BouncyCastle issues no TLS 1.3 tickets; the SunJSSE server would issue a ticket
 * that its client then resumes with (the ticket arrives after {@code invalidate()}), so the
 * benchmarks run with {@code -Djdk.tls.server.newSessionTicketCount=0}: no tickets, full
 * handshakes only, and no ticket-making cost that BouncyCastle does not pay either.
 *
 * <p>{@code shuttle}: Shuttle's connector and server (BouncyCastle JSSE, JDK crypto first).
 * {@code sunjsse}: the JDK's own SunJSSE {@code SSLSocket} and {@code SSLServerSocket}. For finding
 * where the time goes ({@code TlsHandshakeCompare}), the same bare sockets with other providers:
 * {@code bcjsse}, BouncyCastle JSSE with BouncyCastle's own crypto (the set-up of the FACTS
 * figures); {@code bcshuttle}, BouncyCastle JSSE with Shuttle's provider instance (Shuttle's
 * crypto choices without Shuttle's connector, server, trust and key managers); {@code bctrim},
 * {@code bcshuttle} offering only the {@link #TRIMMED} signature schemes; {@code bcrecords},
 * {@code bcshuttle} with BouncyCastle's own AES-GCM record code instead of Shuttle's (BouncyCastle re-checks
 * every offered scheme against {@code jdk.tls.disabledAlgorithms} on every connection).
 */
abstract class TlsPair implements AutoCloseable {
    abstract Connection connect() throws IOException;

    abstract int port();

    /**
     * Checks that a connection of this pair negotiated what both implementations are meant to
     * measure: TLS 1.3 with AES-128-GCM.
     *
     * @throws IllegalStateException if it did not
     */
    static void requireTls13Aes128Gcm(Connection connection) {
        SSLSession session = connection.unwrap(SSLSession.class).orElseThrow();
        if (!session.getProtocol().equals("TLSv1.3") || !session.getCipherSuite().equals("TLS_AES_128_GCM_SHA256")) {
            throw new IllegalStateException("Negotiated " + session.getProtocol() + " " + session.getCipherSuite()
                    + ", not TLSv1.3 TLS_AES_128_GCM_SHA256: the comparison would not be fair");
        }
    }

    static TlsPair create(String implementation, String keyType, ConnectionHandler handler) throws Exception {
        TlsCertificate certificate = BenchmarkCertificates.selfSigned(keyType);
        return switch (implementation) {
            case "shuttle" -> new ShuttlePair(certificate, handler);
            case "sunjsse" -> new SunPair(certificate, handler, null);
            case "bcjsse" -> new SunPair(certificate, handler,
                    new org.bouncycastle.jsse.provider.BouncyCastleJsseProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()));
            case "bcshuttle" -> new SunPair(certificate, handler, dev.shuttle.internal.tls.crypto.BouncyCastle.jsse());
            case "bcrecords" -> new SunPair(certificate, handler,
                    dev.shuttle.internal.tls.crypto.BouncyCastle.jsseWithBouncyCastleRecords());
            case "bctrim" -> new SunPair(certificate, handler, dev.shuttle.internal.tls.crypto.BouncyCastle.jsse(), TRIMMED);
            default -> throw new IllegalArgumentException("implementation " + implementation);
        };
    }

    /** 13 signature schemes instead of BouncyCastle's 25: without Ed448, brainpool, SHA-1, SHA-224, DSA and MD5. */
    static final String[] TRIMMED = {"ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512",
        "ed25519", "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512", "rsa_pss_pss_sha256",
        "rsa_pss_pss_sha384", "rsa_pss_pss_sha512", "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512"};

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
        /** Shuttle's preference order (its internal {@code CipherSuites}), so both sides pick the same suite. */
        private static final String[] SUITES = {
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};

        private final SSLServerSocket listener;
        private final Thread serving;
        private final SSLContext client;
        private final String[] schemes;

        SunPair(TlsCertificate certificate, ConnectionHandler handler, java.security.Provider provider) throws Exception {
            this(certificate, handler, provider, null);
        }

        SunPair(TlsCertificate certificate, ConnectionHandler handler, java.security.Provider provider, String[] schemes)
                throws Exception {
            this.schemes = schemes;
            char[] password = "benchmark".toCharArray();
            KeyManagerFactory keys = provider == null ? KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm())
                    : KeyManagerFactory.getInstance("PKIX", provider);
            keys.init(BenchmarkCertificates.keyStore(certificate, password), password);
            SSLContext server = provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
            java.security.SecureRandom random = new java.security.SecureRandom();
            server.init(keys.getKeyManagers(), null, random);
            TrustManagerFactory trust = provider == null ? TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm())
                    : TrustManagerFactory.getInstance("PKIX", provider);
            trust.init(BenchmarkCertificates.trustStore(certificate));
            client = provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
            client.init(null, trust.getTrustManagers(), random);
            listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1024, InetAddress.getLoopbackAddress());
            SSLParameters listening = listener.getSSLParameters();
            listening.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            listening.setCipherSuites(SUITES);
            listening.setUseCipherSuitesOrder(true);
            if (schemes != null) {
                listening.setSignatureSchemes(schemes);
            }
            listener.setSSLParameters(listening);
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
            parameters.setCipherSuites(SUITES);
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (schemes != null) {
                parameters.setSignatureSchemes(schemes);
            }
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
