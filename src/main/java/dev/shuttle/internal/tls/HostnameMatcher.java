package dev.shuttle.internal.tls;

import dev.shuttle.internal.uri.HostNames;
import java.net.IDN;
import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Matches a certificate's subject alternative names against the host a client asked for
 * (RFC 6125): an IP literal against the IP address names, a hostname against the DNS names, a
 * wildcard only as the whole left-most label ({@code *.example.com} matches {@code a.example.com},
 * not {@code example.com} nor {@code a.b.example.com}). The subject's common name is not used, as
 * browsers no longer use it.
 *
 * <p>An international name ({@code bücher.example}) is matched in its ASCII (IDNA) form
 * ({@code xn--bcher-kva.example}), the only form a certificate holds: {@code tls://} URIs arrive
 * converted, but a server name given as an option, to STARTTLS or to the socket factory may not.
 */
final class HostnameMatcher {
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
    static boolean matches(X509Certificate certificate, String host) {
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
    static String ascii(String host) throws PeerCertificateException {
        if (host.chars().allMatch(c -> c < 0x80)) {
            return host.toLowerCase(Locale.ROOT);
        }
        try {
            // As HostNames converts tls:// URIs; without USE_STD3_ASCII_RULES, so '_' stays allowed.
            return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new PeerCertificateException("the server's certificate cannot be verified for '" + host
                    + "': it is not a valid international hostname (" + e.getMessage() + ")", e);
        }
    }

    /** {@return the DNS and IP names of a certificate, for messages: {@code [localhost, 127.0.0.1]}} */
    static List<String> names(X509Certificate certificate) {
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
        if (pattern.endsWith(".")) {
            pattern = pattern.substring(0, pattern.length() - 1);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!pattern.startsWith("*.")) {
            return pattern.equals(host);
        }
        String suffix = pattern.substring(1);
        if (suffix.indexOf('*') >= 0 || suffix.chars().filter(c -> c == '.').count() < 2) {
            return false;
        }
        int firstDot = host.indexOf('.');
        return firstDot > 0 && host.substring(firstDot).equals(suffix);
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
