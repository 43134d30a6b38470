package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.trust.PeerCertificateException;
import dev.shuttle.internal.io.ConnectFailures;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/**
 * Turns what a failed handshake threw (BouncyCastle's {@code TlsFatalAlert}, which is a plain
 * {@code IOException} on sockets, an {@code SSLException} wrapping one on engines, an end of
 * stream, a reset) into an exception a person can act on:
 * {@code SSLHandshakeException: TLS handshake with tls://127.0.0.1:8443 failed: the server's
 * certificate (CN=localhost) is for [localhost], not for example.com}. A timeout stays a
 * {@link SocketTimeoutException}, an interrupt an {@link InterruptedIOException}; BouncyCastle's
 * own types stay in the cause chain only.
 */
public final class HandshakeFailures {
    private HandshakeFailures() {}

    /** What was being attempted, for the messages. */
    public record Attempt(String peer, boolean client, List<String> protocols, List<String> applicationProtocols) {}

    public static IOException translate(Attempt attempt, Throwable failure, HandshakeDeadline deadline) {
        String prefix = "TLS handshake with " + attempt.peer() + " failed: ";
        if (deadline != null && deadline.expired()) {
            SocketTimeoutException timeout = new SocketTimeoutException("TLS handshake with " + attempt.peer()
                    + " did not finish within " + deadline.timeout().toMillis() + " ms (is the peer speaking TLS?)");
            timeout.initCause(ProviderCauses.scrubbed(failure));
            return timeout;
        }
        if (Thread.currentThread().isInterrupted() || failure instanceof InterruptedIOException
                && !(failure instanceof SocketTimeoutException)) {
            InterruptedIOException interrupted = new InterruptedIOException("TLS handshake with " + attempt.peer() + " was interrupted");
            interrupted.initCause(ProviderCauses.scrubbed(failure));
            return interrupted;
        }
        SSLHandshakeException translated = new SSLHandshakeException(prefix + explain(attempt, failure));
        translated.initCause(ProviderCauses.scrubbed(failure));
        return translated;
    }

    private static String explain(Attempt attempt, Throwable failure) {
        String other = attempt.client() ? "server" : "client";
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PeerCertificateException certificate) {
                return certificate.getMessage();
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TlsFatalAlertReceived received) {
                return received(attempt, other, received.getAlertDescription());
            }
            if (t instanceof TlsFatalAlert alert) {
                return raised(attempt, other, alert);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EOFException || t instanceof java.net.SocketException) {
                return "the " + other + " closed the connection during the handshake (" + ConnectFailures.reason(t)
                        + "): it may not speak TLS, or it refused our offer without saying why";
            }
        }
        String reason = ConnectFailures.reason(failure);
        if (reason.contains("closed") || reason.contains("Closed")) {
            return "the " + other + " closed the connection during the handshake (" + reason + ")";
        }
        return reason;
    }

    private static String received(Attempt attempt, String other, short alert) {
        String name = AlertDescription.getText(alert);
        return switch (alert) {
            case AlertDescription.protocol_version -> "the " + other + " supports none of the protocol versions offered "
                    + attempt.protocols() + " (alert " + name + ")";
            case AlertDescription.no_application_protocol -> "the " + other + " supports none of the ALPN protocols "
                    + (attempt.client() ? "offered " : "supported ") + attempt.applicationProtocols() + " (alert " + name + ")";
            case AlertDescription.certificate_required -> "the server requires a client certificate and none was sent "
                    + "(configure TlsOptions.clientCertificate) (alert " + name + ")";
            case AlertDescription.bad_certificate, AlertDescription.unknown_ca, AlertDescription.certificate_unknown,
                    AlertDescription.certificate_expired, AlertDescription.unsupported_certificate,
                    AlertDescription.certificate_revoked, AlertDescription.access_denied ->
                    "the " + other + " refused our certificate (alert " + name + ")";
            case AlertDescription.handshake_failure, AlertDescription.insufficient_security -> "the " + other
                    + " found nothing acceptable in common: cipher suites, groups, signature algorithms, or a certificate it requires"
                    + " (alert " + name + ")";
            case AlertDescription.unrecognized_name -> "the server does not serve the name sent in SNI (alert " + name + ")";
            default -> "the " + other + " sent the fatal alert " + name;
        };
    }

    private static String raised(Attempt attempt, String other, TlsFatalAlert alert) {
        short description = alert.getAlertDescription();
        String name = AlertDescription.getText(description);
        String detail = alert.getMessage() == null || alert.getMessage().equals(name) ? "" : ": " + alert.getMessage();
        if (description == AlertDescription.handshake_failure && alert.getCause() == null
                && (alert.getMessage() == null || alert.getMessage().equals(name))) {
            // BouncyCastle's way of saying it read the end of the stream before the handshake ended.
            return "the " + other + " closed the connection during the handshake: it may not speak TLS, or it refused"
                    + " our offer without saying why";
        }
        return switch (description) {
            case AlertDescription.protocol_version -> "the " + other + " offered no protocol version among "
                    + attempt.protocols() + " (alert " + name + ")";
            case AlertDescription.unexpected_message, AlertDescription.record_overflow, AlertDescription.decode_error ->
                    "the " + other + " does not speak TLS: what it sent is not a TLS record (a plaintext service?"
                            + (attempt.client() ? " use tcp:// for plaintext" : "") + ") (alert " + name + detail + ")";
            case AlertDescription.no_application_protocol -> "the " + other + " offered none of the ALPN protocols "
                    + attempt.applicationProtocols() + " (alert " + name + ")";
            case AlertDescription.certificate_required -> "the client sent no certificate, and one is required (alert "
                    + name + ")";
            case AlertDescription.handshake_failure -> "nothing acceptable in common with the " + other
                    + ": cipher suites, groups or signature algorithms (alert " + name + detail + ")";
            default -> "alert " + name + detail;
        };
    }
}
