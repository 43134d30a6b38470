package dev.shuttle;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a completed TLS handshake negotiated, as a {@link ConnectListener} or a server's
 * {@link ServerListener} is told of it.
 *
 * @param protocol the protocol, such as {@code TLSv1.3}
 * @param cipherSuite the cipher suite, such as {@code TLS_AES_256_GCM_SHA384}
 * @param negotiatedApplicationProtocol the ALPN protocol agreed on, or the empty string if none
 * @param peerCertificates the peer's certificate chain, the leaf first; empty if the peer sent
 *     none (a client without a certificate)
 */
public record TlsHandshake(String protocol, String cipherSuite, String negotiatedApplicationProtocol,
        List<X509Certificate> peerCertificates) {

    /**
     * Creates the summary.
     *
     * @throws NullPointerException if an argument is null
     */
    public TlsHandshake {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(negotiatedApplicationProtocol, "negotiatedApplicationProtocol");
        peerCertificates = List.copyOf(peerCertificates);
    }

    /** {@return the ALPN protocol agreed on, if any} */
    public Optional<String> applicationProtocol() {
        return negotiatedApplicationProtocol.isEmpty() ? Optional.empty() : Optional.of(negotiatedApplicationProtocol);
    }

    /** {@return the protocol, suite, ALPN and the peer's subject; never a key} */
    @Override
    public String toString() {
        return "TlsHandshake[" + protocol + ", " + cipherSuite
                + (negotiatedApplicationProtocol.isEmpty() ? "" : ", ALPN " + negotiatedApplicationProtocol)
                + (peerCertificates.isEmpty() ? ", no peer certificate"
                        : ", peer " + peerCertificates.getFirst().getSubjectX500Principal().getName())
                + "]";
    }
}
