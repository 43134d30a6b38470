package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.crypto.BouncyCastle;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.testing.Bounded;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AES-GCM records are encrypted by Shuttle's {@link AesGcmRecordCipher} (and decrypted by
 * BouncyCastle's): these transfers against the JDK's SunJSSE, an independent implementation, in both
 * directions and for every AES-GCM suite of TLS 1.3 and 1.2, prove the records are what the
 * standard says (nonce, additional data, TLS 1.3 inner content type, TLS 1.2 explicit nonce).
 * Payloads span many full records and odd sizes. ChaCha20-Poly1305, which stays with
 * BouncyCastle's cipher, is the control.
 */
@NetworkTest
class AesGcmRecordsTest {
    static {
        TlsWarmUp.once();
    }

    private static final int[] WRITES = {1, 16_383, 16_384, 16_385, 100_000, 7, 65_536};

    private static byte[] payload(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** Every AES-GCM suite of TLS 1.3 and 1.2, with both kinds of certificate, and ChaCha20 as the control. */
    static Stream<Arguments> suites() {
        return Stream.of(
                Arguments.of(TestCertificates.KeyType.EC, "TLSv1.3", "TLS_AES_128_GCM_SHA256"),
                Arguments.of(TestCertificates.KeyType.EC, "TLSv1.3", "TLS_AES_256_GCM_SHA384"),
                Arguments.of(TestCertificates.KeyType.RSA, "TLSv1.3", "TLS_AES_128_GCM_SHA256"),
                Arguments.of(TestCertificates.KeyType.RSA, "TLSv1.3", "TLS_AES_256_GCM_SHA384"),
                Arguments.of(TestCertificates.KeyType.EC, "TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256"),
                Arguments.of(TestCertificates.KeyType.EC, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
                Arguments.of(TestCertificates.KeyType.EC, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
                Arguments.of(TestCertificates.KeyType.RSA, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
                Arguments.of(TestCertificates.KeyType.RSA, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
    }

    @ParameterizedTest(name = "Shuttle client, SunJSSE server, {0}, {1}, {2}")
    @MethodSource("suites")
    void shuttlesClientExchangesRecordsWithTheJdksServer(TestCertificates.KeyType type, String protocol, String suite)
            throws Exception {
        TestCertificates pki = TestCertificates.of(type);
        try (SSLServerSocket listener = SunJssePeers.server(pki.server(), parameters -> {
            parameters.setProtocols(new String[] {protocol});
            parameters.setCipherSuites(new String[] {suite});
        })) {
            SunJssePeers.OneConnection served = SunJssePeers.serveOne(listener,
                    accepted -> echoFramed(accepted.getInputStream(), accepted.getOutputStream()));
            TlsOptions options = TlsOptions.builder().trustStore(pki.caStore()).protocols(protocol).build();
            try (served; Connection connection = Connector.tls(options).connect("tls://127.0.0.1:" + listener.getLocalPort())) {
                exchangeFramed(connection.input(), connection.output());
                SSLSession session = connection.unwrap(SSLSession.class).orElseThrow();
                assertEquals(protocol, session.getProtocol());
                assertEquals(suite, session.getCipherSuite());
            }
            assertEquals(null, served.failure());
        }
    }

    @ParameterizedTest(name = "SunJSSE client, Shuttle server, {0}, {1}, {2}")
    @MethodSource("suites")
    void theJdksClientExchangesRecordsWithShuttlesServer(TestCertificates.KeyType type, String protocol, String suite)
            throws Exception {
        TestCertificates pki = TestCertificates.of(type);
        TlsServerOptions tls = TlsServerOptions.builder().certificate(pki.server()).protocols(protocol).build();
        try (EchoServer server = EchoServer.start("tls://127.0.0.1:0", tls,
                connection -> echoFramed(connection.input(), connection.output()))) {
            try (SSLSocket socket = SunJssePeers.client(pki, server.address().port(), parameters -> {
                parameters.setProtocols(new String[] {protocol});
                parameters.setCipherSuites(new String[] {suite});
            })) {
                exchangeFramed(socket.getInputStream(), socket.getOutputStream());
                assertEquals(protocol, socket.getSession().getProtocol());
                assertEquals(suite, socket.getSession().getCipherSuite());
            }
        }
    }

    /**
     * The way back to BouncyCastle's own record code ({@code -Dshuttle.tls.bouncyCastleRecords=true},
     * the same provider set-up as {@link BouncyCastle#jsseWithBouncyCastleRecords()}) works: AES-GCM
     * records both ways against SunJSSE.
     */
    @Test
    void bouncyCastlesOwnRecordCodeExchangesRecordsWithTheJdk() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        try (SSLServerSocket listener = SunJssePeers.server(pki.server(), parameters -> {
            parameters.setProtocols(new String[] {"TLSv1.3"});
            parameters.setCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
        })) {
            SunJssePeers.OneConnection served = SunJssePeers.serveOne(listener,
                    accepted -> echoFramed(accepted.getInputStream(), accepted.getOutputStream()));
            java.security.Provider provider = BouncyCastle.jsseWithBouncyCastleRecords();
            javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance("PKIX", provider);
            trust.init(pki.caStore());
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS", provider);
            context.init(null, trust.getTrustManagers(), BouncyCastle.random());
            try (served; SSLSocket socket = (SSLSocket) context.getSocketFactory()
                    .createSocket(java.net.InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                exchangeFramed(socket.getInputStream(), socket.getOutputStream());
                assertEquals("TLS_AES_128_GCM_SHA256", socket.getSession().getCipherSuite());
            }
            assertEquals(null, served.failure());
        }
    }

    /**
     * What the cipher is for: writing application data allocates no record-sized array per record.
     * BouncyCastle's own AES-GCM cipher allocates one for every record (over 8 MiB here).
     */
    @Test
    void writingBulkDataAllocatesNoArrayPerRecord() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        TestCertificates pki = TestCertificates.ec();
        TlsServerOptions tls = TlsServerOptions.builder().certificate(pki.server()).build();
        int total = 8 << 20;
        try (EchoServer server = EchoServer.start("tls://127.0.0.1:0", tls, connection -> {
                    connection.input().transferTo(OutputStream.nullOutputStream());
                });
                Connection connection = Connector.tls(TlsOptions.builder().trustStore(pki.caStore()).build())
                        .connect(server.uri())) {
            assertTrue(connection.unwrap(SSLSession.class).orElseThrow().getCipherSuite().contains("_GCM_"));
            byte[] chunk = new byte[64 * 1024];
            AtomicLong allocated = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            // A platform thread: the JDK counts allocated bytes per platform thread only.
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    connection.output().write(chunk); // warm the path once
                    long before = threads.getCurrentThreadAllocatedBytes();
                    for (int written = chunk.length; written < total; written += chunk.length) {
                        connection.output().write(chunk);
                    }
                    allocated.set(threads.getCurrentThreadAllocatedBytes() - before);
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            Bounded.join(writer, "the measured writer");
            assertEquals(null, failure.get());
            assertTrue(allocated.get() < total / 4,
                    () -> "writing " + total + " bytes allocated " + allocated.get() + " bytes on the writing thread");
        }
    }

    /** Writes each size of {@link #WRITES}, and checks that the peer echoes every byte. */
    private static void exchangeFramed(InputStream in, OutputStream out) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writing = Thread.ofVirtual().start(() -> {
            try {
                for (int size : WRITES) {
                    out.write(payload(size));
                    out.flush();
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        DataInputStream data = new DataInputStream(in);
        for (int size : WRITES) {
            byte[] echoed = new byte[size];
            data.readFully(echoed);
            assertArrayEquals(payload(size), echoed, "echo of a " + size + "-byte write");
        }
        Bounded.join(writing, "the writer of the record sizes");
        assertEquals(null, failure.get());
    }

    /** Echoes exactly the bytes {@link #exchangeFramed} sends, then returns. */
    private static void echoFramed(InputStream in, OutputStream out) throws IOException {
        int total = 0;
        for (int size : WRITES) {
            total += size;
        }
        byte[] buffer = new byte[32 * 1024];
        for (int left = total; left > 0; ) {
            int n = in.read(buffer, 0, Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("peer closed with " + left + " bytes to go");
            }
            out.write(buffer, 0, n);
            out.flush();
            left -= n;
        }
    }
}
