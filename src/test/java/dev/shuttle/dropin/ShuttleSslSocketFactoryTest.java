package dev.shuttle.dropin;

import dev.shuttle.testing.Needs;
import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ConnectorOptions;
import dev.shuttle.ServerOptions;
import dev.shuttle.dropin.ShuttleSslSocketFactory;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.tls.TestCertificates;
import dev.shuttle.internal.tls.TlsWarmUp;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@NetworkTest
class ShuttleSslSocketFactoryTest {
    private static final TestCertificates PKI = TestCertificates.ec();
    private final ShuttleSslSocketFactory factory = ShuttleSslSocketFactory.create(ConnectorOptions.builder()
            .tls(TlsOptions.builder().trustCertificates(List.of(PKI.ca())).build())
            .build());

    @BeforeAll
    static void warmUp() {
        TlsWarmUp.once();
    }

    private static EchoPeer tlsPeer() throws IOException {
        return new EchoPeer("tls://127.0.0.1:0", ServerOptions.builder()
                .tls(TlsServerOptions.builder().certificate(PKI.server()).build())
                .build());
    }

    private static void roundTrip(Socket socket) throws IOException {
        socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), socket.getInputStream().readNBytes(4));
    }

    @Test
    void theLocalAddressOverloadsBindBeforeTheyConnect() throws Exception {
        InetAddress loopback = InetAddress.ofLiteral("127.0.0.1");
        try (EchoPeer peer = tlsPeer(); Socket holder = new Socket()) {
            holder.bind(new java.net.InetSocketAddress(loopback, 0));
            assertThrows(java.net.BindException.class,
                    () -> factory.createSocket("localhost", peer.port(), loopback, holder.getLocalPort()));
            try (SSLSocket socket = (SSLSocket) factory.createSocket("localhost", peer.port(), loopback, 0)) {
                assertEquals(loopback, socket.getLocalAddress());
                socket.startHandshake();
                roundTrip(socket);
            }
            try (Socket socket = new Socket()) {
                socket.bind(new java.net.InetSocketAddress(loopback, 0));
                int port = socket.getLocalPort();
                socket.close();
                try (SSLSocket tls = (SSLSocket) factory.createSocket(loopback, peer.port(), loopback, port)) {
                    assertEquals(port, tls.getLocalPort());
                    roundTrip(tls);
                }
            }
        }
    }

    @Test
    void aLocalAddressOfTheOtherFamilyFailsSayingSo() {
        SocketException e = assertThrows(SocketException.class,
                () -> factory.createSocket(InetAddress.ofLiteral("::1"), 443, InetAddress.ofLiteral("127.0.0.1"), 0));
        assertTrue(e.getMessage().contains("IPv4 addresses only"), e.getMessage());
    }

    @Test
    void createSocketByNameConnectsAndHandshakesWithVerification() throws Exception {
        try (EchoPeer peer = tlsPeer(); SSLSocket socket = (SSLSocket) factory.createSocket("localhost", peer.port())) {
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
            assertEquals("CN=localhost", ((java.security.cert.X509Certificate) socket.getSession()
                    .getPeerCertificates()[0]).getSubjectX500Principal().getName());
            socket.startHandshake();
            roundTrip(socket);
        }
    }

    @Test
    void settingsMadeAfterCreateSocketByNameApplyToItsHandshake() throws Exception {
        try (EchoPeer peer = new EchoPeer("tls://127.0.0.1:0", ServerOptions.builder()
                        .tls(TlsServerOptions.builder().certificate(PKI.server()).applicationProtocols("h2", "http/1.1").build())
                        .build());
                SSLSocket socket = (SSLSocket) factory.createSocket("localhost", peer.port())) {
            javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            parameters.setProtocols(new String[] {"TLSv1.2"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            assertEquals("http/1.1", socket.getApplicationProtocol());
            assertEquals("TLSv1.2", socket.getSession().getProtocol());
            roundTrip(socket);
        }
    }

    @Test
    void createSocketByAddressVerifiesTheIpAddressNeverTheNameTheAddressCarries() throws Exception {
        // Only IP names: an address carrying a name is still verified as its IP address.
        try (EchoPeer peer = tlsPeer()) {
            InetAddress named = InetAddress.getByAddress("evil.example", new byte[] {127, 0, 0, 1});
            try (SSLSocket socket = (SSLSocket) factory.createSocket(named, peer.port())) {
                socket.startHandshake();
                assertEquals("127.0.0.1", socket.getSession().getPeerHost());
                roundTrip(socket);
            }
        }
    }

    @Test
    void aNameFromAReverseLookupIsNeverVerifiedForAnAddress() throws Exception {
        // A certificate for a DNS name only: what an attacker holds for a name its own PTR record gives.
        TlsServerOptions nameOnly = TlsServerOptions.builder()
                .certificate(PKI.issue("localhost", Duration.ofDays(1), "localhost"))
                .build();
        try (EchoPeer peer = new EchoPeer("tls://127.0.0.1:0", ServerOptions.builder().tls(nameOnly).build())) {
            InetAddress reverse = InetAddress.ofLiteral("127.0.0.1");
            String ptr = reverse.getHostName(); // fills the address's hostname by a reverse lookup
            Needs.that(!ptr.equals("127.0.0.1"), "a reverse name for 127.0.0.1 (localhost in /etc/hosts)");
            InetAddress given = InetAddress.getByAddress(ptr, new byte[] {127, 0, 0, 1});
            for (InetAddress address : new InetAddress[] {reverse, given}) {
                try (SSLSocket socket = (SSLSocket) factory.createSocket(address, peer.port())) {
                    SSLHandshakeException e = assertThrows(SSLHandshakeException.class, socket::startHandshake,
                            () -> "the certificate for " + ptr + " was accepted for the address " + address);
                    assertTrue(e.getMessage().contains("not for 127.0.0.1"), e.getMessage());
                }
                try (SSLSocket socket = (SSLSocket) factory.createSocket(address, peer.port(), null, 0)) {
                    assertThrows(SSLHandshakeException.class, socket::startHandshake);
                }
            }
            try (SSLSocket socket = (SSLSocket) factory.createSocket(ptr, peer.port())) {
                socket.startHandshake(); // the name given as a name is verified as that name
                roundTrip(socket);
            }
        }
    }

    @Test
    void layeredSocketHandshakesAtFirstUseWithTheCallersSettings() throws Exception {
        try (EchoPeer peer = tlsPeer()) {
            Socket plain = new Socket(InetAddress.getLoopbackAddress(), peer.port());
            try (SSLSocket socket = (SSLSocket) factory.createSocket(plain, "localhost", peer.port(), true)) {
                socket.setEnabledProtocols(new String[] {"TLSv1.2"});
                roundTrip(socket);
                assertEquals("TLSv1.2", socket.getSession().getProtocol());
            }
            assertTrue(plain.isClosed());
        }
    }

    @Test
    void layeredSocketVerifiesTheHostnameGiven() throws Exception {
        try (EchoPeer peer = tlsPeer()) {
            Socket plain = new Socket(InetAddress.getLoopbackAddress(), peer.port());
            SSLSocket socket = (SSLSocket) factory.createSocket(plain, "example.com", peer.port(), true);
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, socket::startHandshake);
            assertTrue(e.getMessage().contains("not for example.com"), e.getMessage());
            assertTrue(e.getMessage().contains("tls://example.com:" + peer.port()), e.getMessage());
            assertTrue(plain.isClosed());
        }
    }

    @Test
    void anUntrustedServerFailsTheConnect() throws Exception {
        ShuttleSslSocketFactory jdkTrust = new ShuttleSslSocketFactory();
        try (EchoPeer peer = tlsPeer()) {
            SSLSocket socket = (SSLSocket) jdkTrust.createSocket("127.0.0.1", peer.port());
            IOException e = assertThrows(IOException.class, socket::startHandshake);
            assertInstanceOf(SSLHandshakeException.class, e);
            assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
            assertTrue(socket.isClosed());
        }
    }

    @Test
    void aSilentPeerTimesOutTheHandshakeAndClosesTheSocket() throws Exception {
        ShuttleSslSocketFactory impatient = ShuttleSslSocketFactory.create(ConnectorOptions.builder()
                .tls(TlsOptions.builder().trustCertificates(List.of(PKI.ca())).handshakeTimeout(Duration.ofMillis(200)).build())
                .build());
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Socket plain = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort());
                Socket accepted = silent.accept()) {
            SSLSocket socket = (SSLSocket) impatient.createSocket(plain, "localhost", silent.getLocalPort(), true);
            InputStream input = socket.getInputStream();
            assertThrows(SocketTimeoutException.class, input::read);
            assertTrue(plain.isClosed());
        }
    }

    @Test
    void closeFromAnotherThreadAbortsAHandshakeInProgressPromptly() throws Exception {
        ShuttleSslSocketFactory patient = ShuttleSslSocketFactory.create(ConnectorOptions.builder()
                .tls(TlsOptions.builder().trustCertificates(List.of(PKI.ca())).handshakeTimeout(Duration.ofSeconds(30)).build())
                .build());
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Socket plain = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort());
                Socket accepted = silent.accept()) {
            SSLSocket socket = (SSLSocket) patient.createSocket(plain, "localhost", silent.getLocalPort(), true);
            java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
            Thread handshaking = Thread.ofVirtual().start(() -> {
                try {
                    socket.startHandshake();
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            });
            assertTrue(accepted.getInputStream().read() >= 0, "the client hello arrives");
            org.awaitility.Awaitility.await().until(() -> handshaking.getState() == Thread.State.WAITING
                    || handshaking.getState() == Thread.State.TIMED_WAITING);
            long start = System.nanoTime();
            socket.close();
            Duration closing = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(closing.compareTo(Duration.ofSeconds(10)) < 0, "close took " + closing);
            assertInstanceOf(IOException.class, outcome.get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(socket.isClosed());
            assertTrue(plain.isClosed());
            Bounded.join(handshaking);
        }
    }

    @Test
    void cipherSuitesAreWhatShuttleEnablesAndWhatTheProviderSupports() {
        List<String> enabled = List.of(factory.getDefaultCipherSuites());
        Set<String> supported = Set.of(factory.getSupportedCipherSuites());
        assertEquals("TLS_AES_128_GCM_SHA256", enabled.getFirst());
        assertTrue(supported.containsAll(enabled));
        assertTrue(supported.size() > enabled.size());
    }

    @Test
    void httpsUrlConnectionUsesTheFactory() throws Exception {
        ServerOptions options = ServerOptions.builder()
                .tls(TlsServerOptions.builder().certificate(PKI.server()).build())
                .build();
        try (HttpPeer peer = new HttpPeer(options)) {
            HttpsURLConnection https = (HttpsURLConnection) URI.create("https://localhost:" + peer.port() + "/")
                    .toURL().openConnection();
            https.setSSLSocketFactory(factory);
            https.setConnectTimeout(5_000);
            https.setReadTimeout(5_000);
            try (InputStream body = https.getInputStream()) {
                assertEquals(200, https.getResponseCode());
                assertEquals("ok", new String(body.readAllBytes(), StandardCharsets.US_ASCII));
            } finally {
                https.disconnect();
            }
        }
    }

    @Test
    void aBracketedIpv6LiteralIsVerifiedAgainstTheCertificatesIpAddressNames() throws Exception {
        try (EchoPeer peer = new EchoPeer("tls://[::1]:0", ServerOptions.builder()
                .tls(TlsServerOptions.builder().certificate(PKI.server()).build())
                .build())) {
            try (SSLSocket socket = (SSLSocket) factory.createSocket("[::1]", peer.port())) {
                assertEquals(InetAddress.ofLiteral("::1"), socket.getInetAddress());
                socket.startHandshake();
                roundTrip(socket);
            }
            Socket plain = new Socket(InetAddress.ofLiteral("::1"), peer.port());
            try (SSLSocket socket = (SSLSocket) factory.createSocket(plain, "[::1]", peer.port(), true)) {
                roundTrip(socket);
            }
        }
    }

    @Test
    void aNullOrEmptyHostIsTheLoopbackAddressVerifiedAsLocalhost() throws Exception {
        InetAddress loopback = InetAddress.getByName(null);
        String uri = "tls://" + (loopback instanceof java.net.Inet6Address ? "[::1]" : "127.0.0.1") + ":0";
        try (EchoPeer peer = new EchoPeer(uri, ServerOptions.builder()
                .tls(TlsServerOptions.builder().certificate(PKI.server()).build())
                .build())) {
            for (String host : new String[] {null, ""}) {
                try (SSLSocket socket = (SSLSocket) factory.createSocket(host, peer.port())) {
                    assertEquals(loopback, socket.getInetAddress());
                    assertEquals("localhost", socket.getSession().getPeerHost());
                    roundTrip(socket);
                }
            }
        }
    }

    @Test
    void badInputIsRejectedBeforeAnyIo() throws Exception {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class, () -> factory.createSocket("localhost", 0));
        assertTrue(port.getMessage().contains("port"), port.getMessage());
        assertThrows(IllegalArgumentException.class, () -> factory.createSocket(null, "localhost", 443, true));
        try (Socket unconnected = new Socket()) {
            assertThrows(IllegalArgumentException.class, () -> factory.createSocket(unconnected, null, 443, true));
            assertThrows(SocketException.class, () -> factory.createSocket(unconnected, "localhost", 443, true));
        }
        assertThrows(SocketException.class, factory::createSocket);
    }
}
