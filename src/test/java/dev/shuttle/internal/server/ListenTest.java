package dev.shuttle.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binding: ports, addresses, Unix socket files, and the errors a user meets. */
@NetworkTest
class ListenTest {
    /** A fresh folder per test for the socket files; JUnit deletes it afterwards. */
    @TempDir
    Path directory;

    @Test
    void portZeroPicksAFreePort() throws IOException {
        try (Server server = Server.listen("tcp://127.0.0.1:0")) {
            assertTrue(server.address().port() > 0);
            assertEquals("127.0.0.1", server.address().host());
        }
    }

    @Test
    void localhostListensOnLoopback() throws IOException {
        try (Server server = Server.listen("tcp://localhost:0")) {
            assertTrue(server.address().ipAddress().orElseThrow().isLoopbackAddress());
        }
    }

    @Test
    void aPortInUseIsABindExceptionNamingTheAddress() throws IOException {
        try (Server first = Server.listen("tcp://127.0.0.1:0")) {
            String address = first.address().toString();
            BindException e = assertThrows(BindException.class, () -> Server.listen(address).close());
            assertEquals("Cannot listen on " + address + ": Address already in use", e.getMessage());
        }
    }

    @Test
    void reusePortLetsTwoServersShareAPort() throws IOException {
        ServerOptions options = ServerOptions.builder().reusePort(true).build();
        try (Server first = Server.listen("tcp://127.0.0.1:0", options);
                Server second = Server.listen(first.address().toString(), options)) {
            assertEquals(first.address(), second.address());
        }
    }

    @Test
    void anIpv6WildcardServesIpv4ClientsUnlessIpv6Only() throws Exception {
        try (Server dual = Server.listen("tcp://[::]:0")) {
            Thread accepting = Thread.ofVirtual().start(() -> {
                try (Connection accepted = dual.accept()) {
                    accepted.output().write(7);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Connection client = Connector.tcp().connect("tcp://127.0.0.1:" + dual.address().port())) {
                assertEquals(7, client.input().read());
            }
            assertTrue(accepting.join(Duration.ofSeconds(5)));
        }
        try (Server v6only = Server.listen("tcp://[::]:0", ServerOptions.builder().ipv6Only(true).build())) {
            Thread accepting = Thread.ofVirtual().start(() -> {
                try (Connection accepted = v6only.accept()) {
                    accepted.output().write(6);
                } catch (IOException e) {
                    // Closed at the end of the test.
                }
            });
            try (Connection v4 = Connector.tcp().connect("tcp://127.0.0.1:" + v6only.address().port())) {
                assertEquals(-1, v4.input().read(), "an IPv4 client is closed at once");
            }
            try (Connection v6 = Connector.tcp().connect("tcp://[::1]:" + v6only.address().port())) {
                assertEquals(6, v6.input().read());
            }
            assertTrue(accepting.join(Duration.ofSeconds(5)));
        }
    }

    @Test
    void ipv6OnlyOnAnIpv4AddressIsRefusedBeforeAnyIo() {
        for (String uri : List.of("tcp://127.0.0.1:0", "tls://0.0.0.0:0", "tcp://localhost:0")) {
            ServerOptions.Builder options = ServerOptions.builder().ipv6Only(true);
            if (uri.startsWith("tls:")) {
                options.tls(TlsServerOptions.builder().certificate(TlsCertificate.selfSigned("localhost")).build());
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Server.listen(uri, options.build()).close());
            assertTrue(e.getMessage().startsWith("Cannot listen on " + uri), e.getMessage());
            assertTrue(e.getMessage().contains("ipv6Only is set, but"), e.getMessage());
        }
    }

    @Test
    void aHostnameIsRefusedBeforeAnyIo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Server.listen("tcp://example.com:0"));
        assertTrue(e.getMessage().contains("'example.com' is a hostname"), e.getMessage());
    }

    @Test
    void aStaleUnixSocketFileIsReplaced() throws IOException {
        Path path = directory.resolve("stale.sock");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(path));
        dead.close(); // the JDK leaves the file behind, as a crashed process would
        assertTrue(Files.exists(path));
        try (Server server = Server.listen("unix://" + path)) {
            assertEquals("unix://" + path, server.address().toString());
        }
        assertFalse(Files.exists(path), "closing removes the socket file");
    }

    @Test
    void aUnixPathHeldByALiveServerIsABindException() throws IOException {
        Path path = directory.resolve("live.sock");
        try (Server live = Server.listen("unix://" + path)) {
            BindException e = assertThrows(BindException.class, () -> Server.listen("unix://" + path).close());
            assertEquals("Cannot listen on unix://" + path + ": " + path + " is held by a running server", e.getMessage());
            assertTrue(live.isOpen());
        }
    }

    @Test
    void aUnixPathHeldByAServerThatDoesNotAcceptIsABindExceptionNotAHang() throws Exception {
        Path path = directory.resolve("stuck.sock");
        List<SocketChannel> queued = new ArrayList<>();
        try (ServerSocketChannel stuck = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stuck.bind(UnixDomainSocketAddress.of(path), 1);
            try {
                // Fill its backlog: a blocking connect would now wait until it accepts, for ever.
                while (queued.size() < 1000) {
                    SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
                    queued.add(client);
                    client.configureBlocking(false);
                    client.connect(UnixDomainSocketAddress.of(path));
                }
            } catch (IOException full) {
                // EAGAIN: the queue is full.
            }
            BindException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(BindException.class, () -> Server.listen("unix://" + path).close()));
            assertTrue(e.getMessage().startsWith("Cannot listen on unix://" + path + ": " + path), e.getMessage());
            assertTrue(Files.exists(path), "the live server's socket file is kept");
        } finally {
            for (SocketChannel client : queued) {
                client.close();
            }
        }
    }

    @Test
    void aUnixPathThatIsARegularFileIsNeverDeleted() throws IOException {
        Path path = directory.resolve("data.txt");
        Files.writeString(path, "precious");
        BindException e = assertThrows(BindException.class, () -> Server.listen("unix://" + path).close());
        assertEquals("Cannot listen on unix://" + path + ": " + path + " exists and is not a socket", e.getMessage());
        assertEquals("precious", Files.readString(path));
    }

    @Test
    void optionsAreValidatedWithTheirName() {
        IllegalArgumentException backlog = assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.builder().backlog(0));
        assertEquals("backlog must be at least 1, not 0", backlog.getMessage());
        IllegalArgumentException backoff = assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.builder().maxAcceptBackoff(Duration.ZERO));
        assertEquals("maxAcceptBackoff must be at least 1 ms, not PT0S", backoff.getMessage());
    }
}
