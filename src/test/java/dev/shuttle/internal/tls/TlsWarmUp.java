package dev.shuttle.internal.tls;

import dev.shuttle.Connection;
import dev.shuttle.StartTls;
import dev.shuttle.testing.Bounded;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.tcp.SocketConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Loads the TLS stack's classes (BouncyCastle's and the JDK's crypto) with handshakes on two
 * platform threads, once per JVM. Without it the first handshakes of a test class load the same
 * classes on two virtual threads at once, and a virtual thread waiting for another's class
 * loading pins its carrier (JDK 25 cannot unmount it there), which the pinning check reports. It
 * is a first-use effect, not one of the steady state the pinning check guards.
 */
public final class TlsWarmUp {
    private static boolean done;

    private TlsWarmUp() {}

    /** Runs the warm-up handshakes, the first time only. */
    public static synchronized void once() {
        if (done) {
            return;
        }
        done = true;
        try {
            for (TestCertificates.KeyType type : TestCertificates.KeyType.values()) {
                for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                    handshake(TestCertificates.of(type), protocol, true);
                }
            }
            handshake(TestCertificates.ec(), "TLSv1.3", false);
            unixHandshake(TestCertificates.ec());
        } catch (Exception e) {
            throw new IllegalStateException("TLS warm-up failed", e);
        }
    }

    /** The SSLEngine path, over a Unix socket. */
    private static void unixHandshake(TestCertificates pki) throws Exception {
        TlsServerOptions server = TlsServerOptions.builder().certificate(pki.server()).build();
        TlsOptions client = TlsOptions.builder().trustStore(pki.caStore()).build();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("shuttle-warm-up");
        java.net.UnixDomainSocketAddress address = java.net.UnixDomainSocketAddress.of(dir.resolve("s.sock"));
        try (var listener = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            listener.bind(address);
            Thread serving = Thread.ofPlatform().start(() -> {
                try (Connection plain = new dev.shuttle.internal.unix.ChannelConnection(listener.accept());
                        Connection tls = StartTls.server(plain, server)) {
                    tls.output().write(tls.input().read());
                } catch (Exception ignored) {
                    // The client side reports what matters.
                }
            });
            var channel = java.nio.channels.SocketChannel.open(address);
            try (Connection tls = StartTls.client(new dev.shuttle.internal.unix.ChannelConnection(channel), "localhost", client)) {
                tls.output().write(1);
                tls.input().read();
            }
            Bounded.join(serving, "the warm-up's StartTls server over Unix");
        } finally {
            java.nio.file.Files.deleteIfExists(dir.resolve("s.sock"));
            java.nio.file.Files.deleteIfExists(dir);
        }
    }

    private static void handshake(TestCertificates pki, String protocol, boolean trusted) throws Exception {
        TlsServerOptions server = TlsServerOptions.builder().certificate(pki.server()).protocols(protocol)
                .clientAuth(TlsServerOptions.ClientAuth.WANTED).trustStore(pki.caStore()).build();
        TlsOptions client = trusted
                ? TlsOptions.builder().trustStore(pki.caStore()).clientCertificate(pki.client()).build()
                : TlsOptions.defaults();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread serving = Thread.ofPlatform().start(() -> {
                try (Connection plain = new SocketConnection(listener.accept(), dev.shuttle.Scheme.TCP);
                        Connection tls = StartTls.server(plain, server)) {
                    tls.output().write(tls.input().read());
                } catch (Exception ignored) {
                    // The client side reports what matters.
                }
            });
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            try (Connection tls = StartTls.client(new SocketConnection(socket, dev.shuttle.Scheme.TCP), "localhost", client)) {
                tls.output().write(1);
                tls.input().read();
            } catch (javax.net.ssl.SSLHandshakeException e) {
                if (trusted) {
                    throw e;
                }
            }
            Bounded.join(serving, "the warm-up's StartTls server over TCP");
        }
    }
}
