package dev.shuttle.internal.connector;

import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.ConnectListener;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.Server;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.SilentPort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The facade: one connector for every scheme, with the defaults a user expects. */
@NetworkTest
class DefaultConnectorTest {

    @Test
    void connectsToLocalhostByNameThroughTheRace() throws Exception {
        List<String> attempts = new CopyOnWriteArrayList<>();
        ConnectListener listener = new ConnectListener() {
            @Override
            public void attemptStarted(Endpoint endpoint, InetSocketAddress address) {
                attempts.add(endpoint + " " + address.getAddress().getHostAddress());
            }
        };
        try (Server server = Server.listen("tcp://127.0.0.1:0")) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> connection.output().write(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Connector connector = Connector.create(ConnectorOptions.builder().listener(listener).build());
            try (Connection connection = connector.connect("localhost:" + server.address().port())) {
                assertEquals(1, connection.input().read());
                assertEquals("tcp://127.0.0.1:" + server.address().port(), connection.remoteAddress().toString());
            }
            assertTrue(attempts.contains("tcp://localhost:" + server.address().port() + " 127.0.0.1"), attempts.toString());
            server.close();
            Bounded.join(serving);
        }
    }

    /**
     * Loopback connects the kernel makes (or refuses) at once end on the calling thread; under
     * load it may defer one, whose attempt then ends on a thread of its own: a few tries, of
     * which one must end wholly on the calling thread.
     */
    @Test
    void aLocalhostConnectIsMadeOnTheCallingThreadWithoutATask() throws Exception {
        List<String> phases = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ConnectListener listener = new ConnectListener() {
            @Override
            public void attemptFailed(Endpoint endpoint, InetSocketAddress address, java.io.IOException failure) {
                phases.add("failed " + address.getAddress().getHostAddress());
                threads.add(Thread.currentThread());
            }

            @Override
            public void attemptSucceeded(Endpoint endpoint, InetSocketAddress address) {
                phases.add("connected " + address.getAddress().getHostAddress());
                threads.add(Thread.currentThread());
            }
        };
        // Listening on 127.0.0.1 only: ::1, tried first, is refused, and 127.0.0.1 is next at once.
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50, InetAddress.ofLiteral("127.0.0.1"))) {
            Connector connector = Connector.create(ConnectorOptions.builder().listener(listener).build());
            boolean onCallingThread = false;
            for (int tries = 0; tries < 20 && !onCallingThread; tries++) {
                phases.clear();
                threads.clear();
                try (Connection connection = connector.connect("localhost:" + server.getLocalPort());
                        java.net.Socket accepted = server.accept()) {
                    assertEquals("tcp://127.0.0.1:" + server.getLocalPort(), connection.remoteAddress().toString());
                }
                assertEquals(List.of("failed 0:0:0:0:0:0:0:1", "connected 127.0.0.1"), phases);
                onCallingThread = Set.copyOf(threads).equals(Set.of(Thread.currentThread()));
            }
            assertTrue(onCallingThread, "no connect of 20 ended wholly on the calling thread");
        }
    }

    @Test
    void connectsToUnixSockets() throws Exception {
        Path directory = Files.createTempDirectory("shuttle-facade");
        try (Server server = Server.listen("unix://" + directory.resolve("s.sock"))) {
            Thread accepting = Thread.ofVirtual().start(() -> {
                try (Connection accepted = server.accept()) {
                    accepted.output().write(2);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Connection connection = Connector.create().connect(server.address().toString())) {
                assertEquals(2, connection.input().read());
            }
            Bounded.join(accepting);
        } finally {
            Files.delete(directory);
        }
    }

    @Test
    void connectsToUnixSocketsWithAForEverConnectTimeout() throws Exception {
        Path directory = Files.createTempDirectory("shuttle-facade");
        try (Server server = Server.listen("unix://" + directory.resolve("s.sock"))) {
            Connector connector = Connector.create(ConnectorOptions.builder()
                    .connectTimeout(ChronoUnit.FOREVER.getDuration()).build());
            try (Connection connection = connector.connect(server.address().toString());
                    Connection accepted = server.accept()) {
                accepted.output().write(2);
                accepted.output().flush();
                assertEquals(2, connection.input().read());
            }
        } finally {
            Files.delete(directory);
        }
    }

    @Test
    void theConnectTimeoutCancelsAHangingConnect() throws Exception {
        try (SilentPort silent = SilentPort.on(InetAddress.getLoopbackAddress())) {
            String uri = "tcp://127.0.0.1:" + silent.address().getPort();
            Connector connector = Connector.create(ConnectorOptions.builder().connectTimeout(Duration.ofMillis(300)).build());
            long start = System.nanoTime();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> connector.connect(uri));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("Connection to " + uri + " timed out after 0.3 seconds", e.getMessage());
            assertTrue(millis >= 290 && millis < 3_000, "timed out after " + millis + " ms");
        }
    }

    /**
     * As {@link ConnectListener} says, an attempt the connect timeout cancels is not told of an
     * end: the same for an IP literal (one attempt on the calling thread) as for a name (a race).
     */
    @Test
    void anAttemptTheTimeoutCancelsIsToldOfNoEndByAddressAsByName() throws Exception {
        List<String> phases = new CopyOnWriteArrayList<>();
        ConnectListener listener = new ConnectListener() {
            @Override
            public void attemptStarted(Endpoint endpoint, InetSocketAddress address) {
                phases.add("started " + endpoint.host());
            }

            @Override
            public void attemptFailed(Endpoint endpoint, InetSocketAddress address, java.io.IOException failure) {
                phases.add("failed " + endpoint.host());
            }
        };
        try (SilentPort silent = SilentPort.on(InetAddress.ofLiteral("127.0.0.1"))) {
            Connector connector = Connector.create(ConnectorOptions.builder()
                    .connectTimeout(Duration.ofMillis(300))
                    .resolver((host, family) -> family == java.net.StandardProtocolFamily.INET
                            ? List.of(InetAddress.ofLiteral("127.0.0.1")) : List.of())
                    .listener(listener)
                    .build());
            for (String host : List.of("127.0.0.1", "silent.test")) {
                String uri = "tcp://" + host + ":" + silent.address().getPort();
                SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> connector.connect(uri));
                assertEquals("Connection to " + uri + " timed out after 0.3 seconds", e.getMessage());
            }
        }
        assertEquals(List.of("started 127.0.0.1", "started silent.test"), phases);
    }

    @Test
    void aDisabledSchemeIsAClearError() {
        Connector tcpOnly = Connector.create(ConnectorOptions.builder().schemes(Set.of(Scheme.TCP)).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tcpOnly.connect("unix:///tmp/x.sock"));
        assertEquals("Cannot connect to unix:///tmp/x.sock: scheme unix is disabled in this connector's options (enabled: tcp)",
                e.getMessage());
    }

    @Test
    void nameserversAreCheckedWhenGiven() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ConnectorOptions.builder().nameservers());
        assertEquals("nameservers must name at least one server", none.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ConnectorOptions.builder().nameservers("dns.example:53"));
        assertTrue(bad.getMessage().contains("dns.example:53"), bad.getMessage());
    }

    @Test
    void attemptDelayFollowsRfc8305() {
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> ConnectorOptions.builder().connectionAttemptDelay(Duration.ofMillis(9)));
        assertEquals("connectionAttemptDelay must be at least 10 ms (RFC 8305), not PT0.009S", tooShort.getMessage());
        assertEquals(Duration.ofMillis(100),
                ConnectorOptions.builder().connectionAttemptDelay(Duration.ofMillis(10)).build().connectionAttemptDelay());
        assertEquals(Duration.ofSeconds(2),
                ConnectorOptions.builder().connectionAttemptDelay(Duration.ofSeconds(5)).build().connectionAttemptDelay());
        assertEquals(Duration.ofMillis(10), ConnectorOptions.builder().connectionAttemptDelay(Duration.ofMillis(10))
                .clampAttemptDelay(false).build().connectionAttemptDelay());
        assertEquals(Duration.ofMillis(250), ConnectorOptions.defaults().connectionAttemptDelay());
        assertEquals(Duration.ofSeconds(10), ConnectorOptions.defaults().connectTimeout());
    }
}
