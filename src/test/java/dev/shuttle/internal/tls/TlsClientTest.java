package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.trust.HostnameMatcher;
import static dev.shuttle.internal.tls.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@NetworkTest
class TlsClientTest {
    private static final TestCertificates PKI = TestCertificates.ec();

    static {
        TlsWarmUp.once();
    }

    private static TlsServerOptions serverWith(TlsCertificate certificate) {
        return TlsServerOptions.builder().certificate(certificate).build();
    }

    private static TlsOptions trustingCa() throws Exception {
        return TlsOptions.builder().trustStore(PKI.caStore()).build();
    }

    static String echo(Connection connection, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        connection.output().write(bytes);
        return new String(connection.input().readNBytes(bytes.length), StandardCharsets.UTF_8);
    }

    @Test
    void connectVerifiesTheServerAgainstTheTrustedCaAndEchoes() throws Exception {
        try (EchoServer server = EchoServer.tls(serverWith(PKI.server()));
                Connection connection = Connector.tls(trustingCa()).connect(server.uri())) {
            assertEquals("hello", echo(connection, "hello"));
            assertEquals(server.address(), connection.remoteAddress());
            SSLSession session = connection.unwrap(SSLSession.class).orElseThrow();
            assertEquals("TLSv1.3", session.getProtocol());
            assertTrue(connection.unwrap(javax.net.ssl.SSLEngine.class).isPresent());
        }
    }

    @Test
    void aHandshakeTimeoutOfForEverIsNoDeadline() throws Exception {
        TlsOptions forever = TlsOptions.builder().trustStore(PKI.caStore())
                .handshakeTimeout(java.time.temporal.ChronoUnit.FOREVER.getDuration()).build();
        try (EchoServer server = EchoServer.tls(serverWith(PKI.server()));
                Connection connection = Connector.tls(forever).connect(server.uri())) {
            assertEquals("hello", echo(connection, "hello"));
        }
    }

    @Test
    void connectRefusesACertificateNotInTheJdkTrustStore() throws Exception {
        try (EchoServer server = EchoServer.tls(serverWith(PKI.server()))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> Connector.tls(TlsOptions.defaults()).connect(server.uri()));
            assertContains(e, "TLS handshake with " + server.uri() + " failed: ", "not trusted", "Shuttle Test CA",
                    "JDK's default trust store");
        }
    }

    @Test
    void connectRefusesASelfSignedCertificateSayingSo() throws Exception {
        try (EchoServer server = EchoServer.tls(serverWith(PKI.selfSigned()))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Connector.tls(trustingCa()).connect(server.uri()));
            assertContains(e, "self-signed");
        }
    }

    @Test
    void connectRefusesAnExpiredCertificateNamingTheDate() throws Exception {
        TlsCertificate expired = PKI.expiredServer();
        try (EchoServer server = EchoServer.tls(serverWith(expired))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Connector.tls(trustingCa()).connect(server.uri()));
            assertContains(e, "expired on " + expired.chain().getFirst().getNotAfter().toInstant());
        }
    }

    @Test
    void connectAcceptsAChainThatStillEndsInAnExpiredCrossSignOfTheTrustedRoot() throws Exception {
        TlsCertificate issued = PKI.issueThroughIntermediate(java.time.Duration.ofDays(10), "localhost", "127.0.0.1");
        List<X509Certificate> longChain = new java.util.ArrayList<>(issued.chain());
        longChain.add(PKI.expiredCrossSign());
        try (EchoServer server = EchoServer.tls(serverWith(TlsCertificate.of(longChain, issued.privateKey())));
                Connection connection = Connector.tls(trustingCa()).connect(server.uri())) {
            assertEquals("hello", echo(connection, "hello"));
            assertEquals(3, connection.unwrap(SSLSession.class).orElseThrow().getPeerCertificates().length);
        }
    }

    @Test
    void connectRefusesAnExpiredIntermediateNamingItAndTheDate() throws Exception {
        TlsCertificate issued = PKI.issueThroughIntermediate(java.time.Duration.ofDays(-1), "localhost", "127.0.0.1");
        X509Certificate intermediate = issued.chain().get(1);
        try (EchoServer server = EchoServer.tls(serverWith(issued))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Connector.tls(trustingCa()).connect(server.uri()));
            assertContains(e, "the issuer certificate " + intermediate.getSubjectX500Principal().getName(),
                    "expired on " + intermediate.getNotAfter().toInstant());
        }
    }

    @Test
    void anInternationalServerNameIsVerifiedInItsAsciiForm() throws Exception {
        TlsCertificate international = PKI.issue("buecher", java.time.Duration.ofDays(1), "xn--bcher-kva.example");
        try (EchoServer server = EchoServer.tls(serverWith(international))) {
            try (Connection connection = Connector.tls(trustingCa().toBuilder().serverName("bücher.example").build())
                    .connect(server.uri())) {
                assertEquals("ü", echo(connection, "ü"));
            }
            try (SSLSocket layered = new TlsClient(trustingCa()).layer(connectedSocket(server), "BÜCHER.example",
                    server.address().port(), true)) {
                layered.startHandshake();
                assertEquals("TLSv1.3", layered.getSession().getProtocol());
            }
            SSLHandshakeException wrong = assertThrows(SSLHandshakeException.class,
                    () -> Connector.tls(trustingCa().toBuilder().serverName("bücher.other").build()).connect(server.uri()));
            assertContains(wrong, "is for [xn--bcher-kva.example], not for bücher.other (xn--bcher-kva.other)");
            // A name the options would refuse, reaching the handshake through the drop-in path.
            String tooLong = "ü" + "a".repeat(70) + ".example";
            SSLHandshakeException invalid = assertThrows(SSLHandshakeException.class,
                    () -> new TlsClient(trustingCa()).layer(connectedSocket(server), tooLong, server.address().port(), true)
                            .startHandshake());
            assertContains(invalid, "cannot be verified for '" + tooLong + "': it is not a valid hostname");
            String huge = "a".repeat(1000) + "\u00e9";
            SSLHandshakeException hugeRefused = assertThrows(SSLHandshakeException.class,
                    () -> new TlsClient(trustingCa()).layer(connectedSocket(server), huge, server.address().port(), true)
                            .startHandshake());
            assertContains(hugeRefused, "it is not a valid hostname");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00fcaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example",
            "exa\u200Bmple.com", "21307\u00AD06433", "127.1", "2130706433", "\uFF11\uFF12\uFF17.0.0.1"})
    void aServerNameThatIsNoHostIsRefusedByTheOptionsNamingIt(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsOptions.builder().serverName(name));
        assertContains(e, "serverName '" + name + "' is not a valid hostname or IP address");
    }

    @Test
    void aThousandCharacterLabelWithOneInternationalLetterIsAnIllegalArgumentNamingTheServerName() {
        String name = "a".repeat(1000) + "\u00e9";
        assertContains(assertThrows(IllegalArgumentException.class, () -> TlsOptions.builder().serverName(name)),
                "is not a valid hostname or IP address");
    }

    @Test
    void refusalsAndToStringNameCertificatesGivenToTrustCertificates() throws Exception {
        TlsOptions otherCa = TlsOptions.builder().trustCertificates(List.of(TestCertificates.rsa().ca())).build();
        assertContains(new AssertionError(otherCa.toString()), "trust=1 certificate,");
        assertContains(new AssertionError(TlsOptions.builder().trustCertificates(List.of(PKI.ca(), TestCertificates.rsa().ca()))
                .build().toString()), "trust=2 certificates,");
        try (EchoServer server = EchoServer.tls(serverWith(PKI.server()))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Connector.tls(otherCa).connect(server.uri()));
            assertContains(e, "which is not in the certificate given to trustCertificates(...)");
            assertFalse(e.getMessage().contains("null"), e::getMessage);
        }
    }

    @Test
    void connectToAnIpLiteralVerifiesTheIpAddressNamesAndListsTheNamesWhenWrong() throws Exception {
        try (EchoServer server = EchoServer.tls(serverWith(PKI.issue("other", java.time.Duration.ofDays(1), "other.example", "10.0.0.1")))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Connector.tls(trustingCa()).connect(server.uri()));
            assertContains(e, "is for [other.example, 10.0.0.1], not for 127.0.0.1");
        }
    }

    @Test
    void handshakeOnASocketConnectedToAnAddressVerifiesAndSendsTheRequestedHostname() throws Exception {
        TlsServerOptions sni = TlsServerOptions.builder()
                .certificate(PKI.issue("default", java.time.Duration.ofDays(1), "default.example"))
                .certificate(PKI.issue("named", java.time.Duration.ofDays(1), "named.example"))
                .build();
        try (EchoServer server = EchoServer.tls(sni)) {
            TlsClient client = new TlsClient(trustingCa());
            Endpoint requested = Endpoint.parse("tls://named.example:" + server.address().port());
            try (Connection connection = client.handshake(connected(server), requested)) {
                X509Certificate presented = (X509Certificate) connection.unwrap(SSLSession.class).orElseThrow().getPeerCertificates()[0];
                assertEquals("CN=named", presented.getSubjectX500Principal().getName());
                assertEquals("ping", echo(connection, "ping"));
            }
            Endpoint wrong = Endpoint.parse("tls://wrong.example:" + server.address().port());
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> client.handshake(connected(server), wrong));
            assertContains(e, "is for [default.example], not for wrong.example");
        }
    }

    @Test
    void insecureTrustAllAcceptsAnySelfSignedCertificate() throws Exception {
        try (EchoServer server = EchoServer.tls(serverWith(PKI.selfSigned()));
                Connection connection = Connector.tls(TlsOptions.builder().insecureTrustAllCertificates().build()).connect(server.uri())) {
            assertEquals("x", echo(connection, "x"));
        }
    }

    @Test
    void connectFailsWithNoCommonProtocolNamingTheProtocols() throws Exception {
        try (EchoServer server = EchoServer.tls(serverWith(PKI.server()).toBuilder().protocols("TLSv1.2").build())) {
            TlsOptions only13 = trustingCa().toBuilder().protocols("TLSv1.3").build();
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Connector.tls(only13).connect(server.uri()));
            assertContains(e, "protocol", "TLSv1.3");
        }
    }

    @Test
    void alpnChoosesTheServersFirstProtocolTheClientOffers() throws Exception {
        try (EchoServer server = EchoServer.tls(serverWith(PKI.server()).toBuilder().applicationProtocols("h2", "http/1.1").build());
                Connection connection = Connector.tls(trustingCa().toBuilder().applicationProtocols("http/1.1", "h2").build())
                        .connect(server.uri())) {
            assertEquals("h2", connection.unwrap(javax.net.ssl.SSLEngine.class).orElseThrow().getApplicationProtocol());
        }
    }

    @Test
    void alpnWithNoCommonProtocolFailsNamingTheOffer() throws Exception {
        try (EchoServer server = EchoServer.tls(serverWith(PKI.server()).toBuilder().applicationProtocols("h2").build())) {
            TlsOptions offer = trustingCa().toBuilder().applicationProtocols("smtp").build();
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Connector.tls(offer).connect(server.uri()));
            assertContains(e, "ALPN", "[smtp]");
        }
    }

    @Test
    void tls12SessionsAreResumedByTheSameConnector() throws Exception {
        try (EchoServer server = EchoServer.tls(serverWith(PKI.server()).toBuilder().protocols("TLSv1.2").build())) {
            Connector connector = Connector.tls(trustingCa());
            byte[] first;
            try (Connection connection = connector.connect(server.uri())) {
                echo(connection, "1");
                first = connection.unwrap(SSLSession.class).orElseThrow().getId();
            }
            try (Connection connection = connector.connect(server.uri())) {
                echo(connection, "2");
                assertArrayEquals(first, connection.unwrap(SSLSession.class).orElseThrow().getId());
            }
            Connector fresh = Connector.tls(trustingCa().toBuilder().sessionResumption(false).build());
            byte[] a;
            try (Connection connection = fresh.connect(server.uri())) {
                a = connection.unwrap(SSLSession.class).orElseThrow().getId();
            }
            try (Connection connection = fresh.connect(server.uri())) {
                assertFalse(java.util.Arrays.equals(a, connection.unwrap(SSLSession.class).orElseThrow().getId()));
            }
        }
    }

    @Test
    void connectRejectsPlaintextAndHostnameUris() throws Exception {
        Connector connector = Connector.tls(trustingCa());
        assertContains(assertThrows(IllegalArgumentException.class, () -> connector.connect("tcp://127.0.0.1:1")), "tls://");
        assertContains(assertThrows(IllegalArgumentException.class, () -> connector.connect("tls://example.com:443")), "hostname");
        assertContains(assertThrows(IllegalArgumentException.class, () -> connector.connect("unix:///tmp/x.sock")), "serverName");
    }

    private static Connection connected(EchoServer server) throws IOException {
        return Connector.tcp().connect("tcp://127.0.0.1:" + server.address().port());
    }

    static Socket connectedSocket(EchoServer server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.address().port()));
        return socket;
    }

    static List<String> names(X509Certificate certificate) {
        return HostnameMatcher.names(certificate);
    }
}
