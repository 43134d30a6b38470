package dev.shuttle.internal.tls.trust;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * The certificates of a peer's chain that lead from its leaf towards a trust anchor, for
 * explaining why PKIX refused the chain. Only these matter: servers often send more, such as an
 * expired cross-signed root after a valid intermediate (Let's Encrypt's long chain with the DST
 * Root CA X3 cross-sign, Sectigo's AddTrust chain), which PKIX rightly ignores when the path it
 * builds ends at a trusted root before it.
 *
 * <p>Each step takes the certificate the chain sent whose subject is the issuer of the one before
 * and whose key verifies its signature, preferring one valid now; the walk stops at a certificate
 * whose issuer is a trust anchor, at a self-issued one, or where the chain holds no issuer.
 */
public final class IssuerPath {
    private IssuerPath() {}

    /**
     * {@return the path: the leaf first, then the issuers found in the chain, in order}
     *
     * @param chain the certificates the peer sent, the leaf first; not empty
     * @param anchors the trusted certificates
     * @param now the time the certificates are checked for
     */
    public static List<X509Certificate> of(X509Certificate[] chain, X509Certificate[] anchors, Date now) {
        Set<X500Principal> anchorNames = new HashSet<>();
        for (X509Certificate anchor : anchors) {
            anchorNames.add(anchor.getSubjectX500Principal());
        }
        List<X509Certificate> path = new ArrayList<>();
        X509Certificate current = chain[0];
        path.add(current);
        while (!selfIssued(current) && !anchorNames.contains(current.getIssuerX500Principal())) {
            X509Certificate issuer = issuerOf(current, chain, path, now);
            if (issuer == null) {
                break;
            }
            path.add(issuer);
            current = issuer;
        }
        return path;
    }

    private static X509Certificate issuerOf(X509Certificate certificate, X509Certificate[] chain, List<X509Certificate> path,
            Date now) {
        X509Certificate found = null;
        for (X509Certificate candidate : chain) {
            if (path.contains(candidate) || !candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                    || !signed(certificate, candidate)) {
                continue;
            }
            if (validAt(candidate, now)) {
                return candidate;
            }
            if (found == null) {
                found = candidate;
            }
        }
        return found;
    }

    private static boolean signed(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean validAt(X509Certificate certificate, Date now) {
        return !now.before(certificate.getNotBefore()) && !now.after(certificate.getNotAfter());
    }

    private static boolean selfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }
}
