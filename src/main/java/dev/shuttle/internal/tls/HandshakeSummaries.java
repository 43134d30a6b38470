package dev.shuttle.internal.tls;

import dev.shuttle.Connection;
import dev.shuttle.TlsHandshake;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * Reads what a TLS connection's handshake negotiated, for the listeners told of it. Only through
 * {@link Connection#unwrap}: whatever carries the TLS session ({@link SSLSocket},
 * {@link SSLEngine}) answers for it.
 */
public final class HandshakeSummaries {
    private HandshakeSummaries() {}

    /**
     * {@return the handshake of a TLS connection, or empty if it is not one}
     *
     * @param connection a connection just handshaken
     */
    public static Optional<TlsHandshake> of(Connection connection) {
        SSLSession session = connection.unwrap(SSLSession.class).orElse(null);
        if (session == null) {
            return Optional.empty();
        }
        String alpn = connection.unwrap(SSLSocket.class).map(SSLSocket::getApplicationProtocol)
                .or(() -> connection.unwrap(SSLEngine.class).map(SSLEngine::getApplicationProtocol))
                .orElse(null);
        return Optional.of(new TlsHandshake(session.getProtocol(), session.getCipherSuite(), alpn == null ? "" : alpn,
                peerCertificates(session)));
    }

    /**
     * {@return the handshake a session and its application protocol describe}
     *
     * @param session the session just negotiated
     * @param applicationProtocol the ALPN protocol chosen, empty or {@code null} for none
     */
    public static TlsHandshake of(SSLSession session, String applicationProtocol) {
        return new TlsHandshake(session.getProtocol(), session.getCipherSuite(),
                applicationProtocol == null ? "" : applicationProtocol, peerCertificates(session));
    }

    private static List<X509Certificate> peerCertificates(SSLSession session) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate certificate : session.getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            return List.of(); // the peer sent no certificate
        }
        return chain;
    }
}
