package dev.shuttle.internal.tls.trust;

import java.security.cert.CertificateException;

/**
 * Why Shuttle's trust manager refused a peer's certificate, in a sentence for people. BouncyCastle
 * wraps it in its fatal alert; {@link HandshakeFailures} finds it and puts the sentence into the
 * {@code SSLHandshakeException} the user sees.
 */
public final class PeerCertificateException extends CertificateException {
    public PeerCertificateException(String message) {
        super(message);
    }

    public PeerCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
