package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.trust.HostnameMatcher;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostname matching against RFC 6125 and what browsers enforce, one certificate per row: the
 * certificate holds one subject alternative name (a DNS name unless it is an IP literal), the
 * client asks for a host, and the row says whether the certificate is for it.
 */
class HostnameMatcherTest {
    private static final TestCertificates PKI = TestCertificates.ec();

    private static X509Certificate certificateFor(String name) {
        return (X509Certificate) PKI.issue("subject", Duration.ofDays(1), name).chain().getFirst();
    }

    @ParameterizedTest(name = "{0} for {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            example.com            | example.com            | true
            example.com            | EXAMPLE.com            | true
            EXAMPLE.COM            | example.com            | true
            example.com            | example.com.           | true
            example.com.           | example.com            | true
            example.com            | www.example.com        | false
            www.example.com        | example.com            | false
            *.example.com          | a.example.com          | true
            *.example.com          | A.Example.COM          | true
            *.example.com          | a.example.com.         | true
            *.EXAMPLE.com          | a.example.com          | true
            *.example.com          | a.b.example.com        | false
            *.example.com          | example.com            | false
            *.example.com          | example.com.           | false
            f*.example.com         | foo.example.com        | false
            *o.example.com         | foo.example.com        | false
            f*o.example.com        | foo.example.com        | false
            **.example.com         | foo.example.com        | false
            *.*.example.com        | a.b.example.com        | false
            a.*.example.com        | a.b.example.com        | false
            www.example.*          | www.example.com        | false
            *                      | localhost              | false
            *.                     | localhost.             | false
            *.com                  | example.com            | false
            *.localhost            | a.localhost            | false
            *.co.uk                | victim.co.uk           | false
            *.CO.UK                | victim.co.uk           | false
            *.co.uk.               | victim.co.uk           | false
            *.com.au               | victim.com.au          | false
            *.co.jp                | victim.co.jp           | false
            *.com.br               | victim.com.br          | false
            *.example.co.uk        | www.example.co.uk      | true
            *.example.co.uk        | example.co.uk          | false
            *.github.io            | project.github.io      | true
            *..example.com         | a..example.com         | false
            *.0.0.1                | 127.0.0.1              | false
            *.0.1                  | 127.0.0.1              | false
            *.example.com          | 127.0.0.1              | false
            127.0.0.1              | 127.0.0.1              | true
            127.0.0.1              | 127.0.0.2              | false
            ::1                    | [::1]                  | true
            ::1                    | 0:0:0:0:0:0:0:1        | true
            xn--bcher-kva.example  | bücher.example         | true
            xn--bcher-kva.example  | BÜCHER.example         | true
            xn--bcher-kva.example  | xn--bcher-kva.example  | true
            *.xn--bcher-kva.example| a.bücher.example       | true
            bücher.example         | bücher.example         | false
            xn--*.example.com      | xn--bcher-kva.example.com | false
            *.example.com          | xn--bcher-kva.example.com | true
            *.example.com          | *.example.com          | false
            example.com            | *.com                  | false
            """)
    void theCertificateIsForTheHostOnlyAsRfc6125Says(String name, String host, boolean matches) {
        assertEquals(matches, HostnameMatcher.matches(certificateFor(name), host));
    }

    @ParameterizedTest(name = "a DNS name {0} is not for the IP address {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1   | 127.0.0.1
            *.0.0.1     | 127.0.0.1
            """)
    void anIpAddressMatchesOnlyAnIpAddressName(String dnsName, String host) throws Exception {
        // TestCertificates writes an IP literal as an IP address name: build a DNS name holding one.
        X509Certificate certificate = TestCertificates.withDnsNames(PKI, dnsName);
        assertEquals(false, HostnameMatcher.matches(certificate, host));
    }

    @ParameterizedTest(name = "a certificate with only CN={0} is not for {0}")
    @CsvSource({"example.com", "localhost", "127.0.0.1"})
    void theSubjectCommonNameIsNeverUsed(String commonName) {
        X509Certificate cnOnly = (X509Certificate) PKI.issue(commonName, Duration.ofDays(1)).chain().getFirst();
        assertEquals(false, HostnameMatcher.matches(cnOnly, commonName));
        X509Certificate otherSan = (X509Certificate) PKI.issue(commonName, Duration.ofDays(1), "other.example").chain().getFirst();
        assertEquals(false, HostnameMatcher.matches(otherSan, commonName));
    }
}
