package dev.shuttle.internal.tls.trust;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Verifies a peer's certificate chain with BouncyCastle's PKIX trust manager and, for servers, the
 * hostname the client asked for (the session's peer host; without one, null or empty, every
 * server certificate is refused: verification fails closed), explaining every refusal in a
 * {@link PeerCertificateException}: expired or not yet valid (which certificate, which dates), not
 * trusted (which issuer, which trust store, self-signed or not), signed with SHA-1 or holding a
 * key too small ({@link CertificateStrength}), or issued for other names (which names).
 *
 * <p>Validity is PKIX's to check, on the path it builds to a trust anchor: an expired certificate
 * the peer sent but the path does not need (an old cross-signed root after a valid intermediate)
 * does not matter, as in browsers, curl and SunJSSE. Only when PKIX refuses the chain are the
 * dates of the path's certificates ({@link IssuerPath}) looked at, to say which one expired.
 */
public final class VerifyingTrustManager extends X509ExtendedTrustManager {
    private final X509TrustManager pkix;
    private final String trustSource;

    /**
     * @param pkix BouncyCastle's trust manager for the trust anchors
     * @param trustSource the anchors, for messages: "the JDK's default trust store", a file name
     */
    public VerifyingTrustManager(X509TrustManager pkix, String trustSource) {
        this.pkix = pkix;
        this.trustSource = trustSource;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        SSLSession session = socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
        verifyServer(chain, authType, session == null ? null : session.getPeerHost());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        verifyServer(chain, authType, engine == null ? null : engine.getPeerHost());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        verifyServer(chain, authType, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        requireChain(chain, "client");
        try {
            pkix.checkClientTrusted(chain, authType);
        } catch (CertificateException e) {
            throw refusal(chain, "client", e);
        }
        checkStrength(chain, "client");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }

    private void verifyServer(X509Certificate[] chain, String authType, String host) throws CertificateException {
        requireChain(chain, "server");
        try {
            pkix.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw refusal(chain, "server", e);
        }
        checkStrength(chain, "server");
        if (host == null || host.isEmpty()) {
            // Fails closed: a path that lost the host must not accept any certificate for any name.
            // Only TlsOptions.insecureTrustAllCertificates() switches verification off, and it
            // does not use this trust manager.
            throw new PeerCertificateException("the server's certificate (" + subject(chain[0]) + ") cannot be verified:"
                    + " no host name was given to verify it for (give the server's name, or TlsOptions.serverName(...))");
        }
        if (!HostnameMatcher.matches(chain[0], host)) {
            String ascii = HostnameMatcher.ascii(host); // throws, saying why, for an invalid international name
            throw new PeerCertificateException("the server's certificate (" + subject(chain[0]) + ") is for "
                    + namesOf(chain[0]) + ", not for " + host + (ascii.equalsIgnoreCase(host) ? "" : " (" + ascii + ")"));
        }
    }

    /** Checks the certificates on the path PKIX accepted, the anchor excepted: SHA-1 signatures, small keys. */
    private void checkStrength(X509Certificate[] chain, String peer) throws PeerCertificateException {
        X509Certificate[] anchors = pkix.getAcceptedIssuers();
        CertificateStrength.check(IssuerPath.of(chain, anchors, new Date()), anchors, peer);
    }

    private static void requireChain(X509Certificate[] chain, String peer) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new PeerCertificateException("the " + peer + " sent no certificate");
        }
    }

    /** Why PKIX refused the chain: a certificate of the path out of its dates, else not trusted. */
    private CertificateException refusal(X509Certificate[] chain, String peer, CertificateException cause) {
        Date now = new Date();
        List<X509Certificate> path = IssuerPath.of(chain, pkix.getAcceptedIssuers(), now);
        for (int i = 0; i < path.size(); i++) {
            X509Certificate certificate = path.get(i);
            String which = i == 0 ? "the " + peer + "'s certificate (" + subject(certificate) + ")"
                    : "the issuer certificate " + subject(certificate) + " in the " + peer + "'s chain";
            try {
                certificate.checkValidity(now);
            } catch (CertificateExpiredException e) {
                return new PeerCertificateException(which + " expired on " + instant(certificate.getNotAfter())
                        + " (valid from " + instant(certificate.getNotBefore()) + ")", e);
            } catch (CertificateNotYetValidException e) {
                return new PeerCertificateException(which + " is not valid before " + instant(certificate.getNotBefore())
                        + ": check the clock of both machines", e);
            }
        }
        return untrusted(path, peer, cause);
    }

    private CertificateException untrusted(List<X509Certificate> path, String peer, CertificateException cause) {
        X509Certificate last = path.getLast();
        boolean selfSigned = last.getSubjectX500Principal().equals(last.getIssuerX500Principal());
        String why = selfSigned && path.size() == 1
                ? "it is self-signed and not in " + trustSource
                : "it was issued by " + last.getIssuerX500Principal().getName() + ", which is not in " + trustSource;
        return new PeerCertificateException("the " + peer + "'s certificate (" + subject(path.getFirst()) + ") is not trusted: "
                + why + " (" + PemFiles.reason(cause) + ")", cause);
    }

    private static String namesOf(X509Certificate certificate) {
        var names = HostnameMatcher.names(certificate);
        return names.isEmpty() ? "no DNS or IP name at all (it has no subject alternative names, and its subject's CN is not used, as in browsers)" : names.toString();
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    private static Instant instant(Date date) {
        return date.toInstant();
    }
}
