package dev.shuttle.internal.tls.trust;

import dev.shuttle.internal.uri.HostNames;
import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Matches a certificate's subject alternative names against the host a client asked for
 * (RFC 6125, with the restrictions browsers add):
 * <ul>
 * <li>an IP literal only against the IP address names (never a DNS name, wildcard or not);</li>
 * <li>a hostname against the DNS names, case-insensitively, a trailing dot on either side ignored;</li>
 * <li>a wildcard only as the whole left-most label, matching exactly one label:
 *     {@code *.example.com} matches {@code a.example.com}, not {@code example.com} nor
 *     {@code a.b.example.com}; {@code f*.example.com}, {@code *.*.example.com} and
 *     {@code a.*.example.com} match nothing;</li>
 * <li>no wildcard whose parent is a public suffix ({@code *.com}, {@code *.co.uk}): its parent must
 *     have at least one label beyond a public suffix, as {@link PublicSuffixes} knows them (every
 *     single label, and a built-in list of second-level ccTLD suffixes);</li>
 * <li>the subject's common name is never used, with or without subject alternative names: a
 *     certificate with only a CN is for no name, as in browsers (RFC 6125 section 6.4.4 allows the
 *     CN only without DNS names; public CAs have put every name in the SANs since 2012).</li>
 * </ul>
 *
 * <p>An international name ({@code bücher.example}) is matched in its ASCII (IDNA) form
 * ({@code xn--bcher-kva.example}), the only form a certificate holds: {@code tls://} URIs arrive
 * converted, but a server name given as an option, to STARTTLS or to the socket factory may not.
 */
public final class HostnameMatcher {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private HostnameMatcher() {}

    /**
     * {@return whether the certificate is for the host}
     *
     * @param certificate the server's certificate
     * @param host an IP literal (IPv6 with or without brackets) or a hostname, international or
     *     not; no certificate is for a name that is not a valid international hostname (see
     *     {@link #ascii(String)} to say why)
     */
    public static boolean matches(X509Certificate certificate, String host) {
        InetAddress literal = hostLiteral(stripBrackets(host));
        String wanted;
        try {
            wanted = literal == null ? ascii(host) : null;
        } catch (PeerCertificateException invalid) {
            return false;
        }
        for (List<?> name : alternativeNames(certificate)) {
            int type = (Integer) name.get(0);
            String value = String.valueOf(name.get(1));
            if (literal != null && type == IP_ADDRESS && literal.equals(ipOrNull(value))) {
                return true;
            }
            if (wanted != null && type == DNS_NAME && dnsMatches(value.toLowerCase(Locale.ROOT), wanted)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@return the hostname in lower-case ASCII, an international one in its {@code xn--} form}
     *
     * @param host a hostname
     * @throws PeerCertificateException if it is not a valid international hostname
     */
    public static String ascii(String host) throws PeerCertificateException {
        try {
            // The one host normalisation of URIs: lower case, xn-- labels, no invisible characters,
            // no numeric spelling of an address passing as a name, lengths checked before IDN runs.
            return HostNames.normalise(host);
        } catch (RuntimeException e) { // IllegalArgumentException, or anything java.net.IDN throws
            throw new PeerCertificateException("the server's certificate cannot be verified for '" + host
                    + "': it is not a valid hostname (" + e.getMessage() + ")", e);
        }
    }

    /** {@return the DNS and IP names of a certificate, for messages: {@code [localhost, 127.0.0.1]}} */
    public static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        for (List<?> name : alternativeNames(certificate)) {
            int type = (Integer) name.get(0);
            if (type == DNS_NAME || type == IP_ADDRESS) {
                names.add(String.valueOf(name.get(1)));
            }
        }
        return names;
    }

    private static boolean dnsMatches(String pattern, String host) {
        pattern = withoutTrailingDot(pattern);
        host = withoutTrailingDot(host);
        if (!wellFormed(pattern) || !wellFormed(host) || host.indexOf('*') >= 0) {
            return false; // a host is never a pattern: "*.example.com" asked for matches nothing
        }
        if (pattern.indexOf('*') < 0) {
            return pattern.equals(host);
        }
        if (!pattern.startsWith("*.")) {
            return false; // f*.example.com, a.*.example.com, xn--*.example.com: not a whole left-most label
        }
        String parent = pattern.substring(2);
        if (parent.indexOf('*') >= 0 || PublicSuffixes.isPublicSuffix(parent)) {
            return false; // *.*.example.com; *.com, *.co.uk: every registrant's domain
        }
        int firstDot = host.indexOf('.');
        return host.substring(firstDot + 1).equals(parent); // exactly one label: not a.b.example.com
    }

    private static String withoutTrailingDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** {@return whether every label of the name is non-empty (no leading dot, no "..", not empty)} */
    private static boolean wellFormed(String name) {
        return !name.isEmpty() && !name.startsWith(".") && !name.endsWith(".") && !name.contains("..");
    }

    private static Collection<List<?>> alternativeNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static InetAddress hostLiteral(String host) {
        try {
            return HostNames.literal(host);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static InetAddress ipOrNull(String text) {
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
