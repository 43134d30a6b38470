package dev.shuttle.internal.cli;

import dev.shuttle.Connection;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** The line {@code --verbose} prints about a TLS connection: protocol, cipher suite, ALPN, peer certificate. */
final class TlsSummary {
    private TlsSummary() {}

    static String of(Connection connection) {
        SSLSession session = connection.unwrap(SSLSession.class).orElse(null);
        if (session == null) {
            return "not TLS";
        }
        String alpn = connection.unwrap(SSLSocket.class).map(SSLSocket::getApplicationProtocol)
                .or(() -> connection.unwrap(javax.net.ssl.SSLEngine.class).map(javax.net.ssl.SSLEngine::getApplicationProtocol))
                .filter(p -> !p.isEmpty()).orElse("none");
        String peer;
        try {
            Certificate[] chain = session.getPeerCertificates();
            X509Certificate leaf = (X509Certificate) chain[0];
            peer = leaf.getSubjectX500Principal().getName() + ", expires " + leaf.getNotAfter().toInstant();
        } catch (SSLPeerUnverifiedException e) {
            peer = "no certificate";
        }
        return "TLS " + session.getProtocol() + ", " + session.getCipherSuite() + ", ALPN " + alpn + ", peer " + peer;
    }
}
