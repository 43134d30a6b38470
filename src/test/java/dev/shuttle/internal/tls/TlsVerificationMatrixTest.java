package dev.shuttle.internal.tls;

import static dev.shuttle.internal.tls.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a server's certificate can be wrong, each refused by default by a client made with
 * {@code Connector.create()} over {@code tls://} on TCP, with an {@link SSLHandshakeException}
 * whose message names the reason. Certificates are made at test time; the server is Shuttle's,
 * or the JDK's SunJSSE where Shuttle's would not serve the certificate.
 */
@NetworkTest
class TlsVerificationMatrixTest {
    private static final TestCertificates PKI = TestCertificates.ec();

    static {
        TlsWarmUp.once();
    }

    /** What the server presents, whom the client asks for, and what the refusal must say. */
    record Case(Supplier<TlsCertificate> certificate, String uriHost, String serverName, List<String> reason) {}

    private static Arguments refused(String name, Supplier<TlsCertificate> certificate, String uriHost, String serverName,
            String... reason) {
        return Arguments.of(Named.of(name, new Case(certificate, uriHost, serverName, List.of(reason))));
    }

    private static Instant hoursFromNow(long hours) {
        return Instant.now().plus(Duration.ofHours(hours));
    }

    private static TlsCertificate leaf(KeyPair keys, String signature, GeneralName... names) {
        return PKI.issueCustom("matrix", hoursFromNow(-1), hoursFromNow(24), keys, signature, names);
    }

    private static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    private static GeneralName ip(String address) {
        return new GeneralName(GeneralName.iPAddress, address);
    }

    static Stream<Arguments> badCertificates() {
        return Stream.of(
                refused("expired", PKI::expiredServer, "localhost", null, "expired on"),
                refused("not yet valid", () -> PKI.issueCustom("localhost", hoursFromNow(24), hoursFromNow(48),
                        TestCertificates.ecKeyPair("secp256r1"), null, dns("localhost")), "localhost", null, "is not valid before"),
                refused("wrong host", () -> PKI.issue("other.example", Duration.ofDays(1), "other.example"), "localhost", null,
                        "is for [other.example], not for localhost"),
                refused("wildcard too deep", () -> PKI.issue("wildcard", Duration.ofDays(1), "*.example.com"), "127.0.0.1",
                        "a.b.example.com", "not for a.b.example.com"),
                refused("wildcard on an IP address", () -> leaf(TestCertificates.ecKeyPair("secp256r1"), null, dns("*.0.0.1")),
                        "127.0.0.1", null, "not for 127.0.0.1"),
                refused("wildcard at a public suffix (*.co.uk)", () -> PKI.issue("wildcard", Duration.ofDays(1), "*.co.uk"),
                        "127.0.0.1", "victim.co.uk", "not for victim.co.uk"),
                refused("CN only, no subject alternative names", () -> PKI.issue("localhost", Duration.ofDays(1)), "localhost", null,
                        "no DNS or IP name at all", "CN is not used"),
                refused("self-signed", PKI::selfSigned, "localhost", null, "self-signed"),
                refused("untrusted root", () -> TestCertificates.another(TestCertificates.KeyType.EC)
                        .issue("localhost", Duration.ofDays(1), "localhost"), "localhost", null, "not trusted", "which is not in"),
                refused("missing intermediate", () -> {
                    List<X509Certificate> chain = PKI.intermediateChain(null, "localhost");
                    return TlsCertificate.of(List.of(chain.getFirst()), PKI.lastLeafKey());
                }, "localhost", null, "not trusted", "Shuttle Test Intermediate"),
                refused("leaf signed with SHA-1", () -> leaf(TestCertificates.ecKeyPair("secp256r1"), "SHA1withECDSA",
                        dns("localhost")), "localhost", null, "SHA1withECDSA", "SHA-1"),
                refused("intermediate signed with SHA-1", () -> {
                    List<X509Certificate> chain = PKI.intermediateChain("SHA1withECDSA", "localhost");
                    return TlsCertificate.of(chain.subList(0, 2), PKI.lastLeafKey());
                }, "localhost", null, "issuer certificate", "SHA1withECDSA"),
                refused("RSA 1024 key", () -> leaf(TestCertificates.rsaKeyPair(1024), null, dns("localhost"), ip("127.0.0.1")),
                        "localhost", null, "1024-bit RSA", "at least 2048"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCertificates")
    void aBadServerCertificateIsRefusedByDefaultSayingWhy(Case bad) throws Exception {
        TlsCertificate certificate = bad.certificate().get();
        TlsOptions.Builder tls = TlsOptions.builder().trustCertificates(List.of(PKI.ca()));
        if (bad.serverName() != null) {
            tls.serverName(bad.serverName());
        }
        Connector client = Connector.create(ConnectorOptions.builder().tls(tls.build()).build());
        try (EchoServer server = EchoServer.tls(TlsServerOptions.builder().certificate(certificate).build())) {
            String uri = "tls://" + bad.uriHost() + ":" + server.address().port();
            SSLHandshakeException refused = assertThrows(SSLHandshakeException.class, () -> client.connect(uri).close());
            assertContains(refused, bad.reason().toArray(String[]::new));
        }
    }
}
