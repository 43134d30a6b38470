package dev.shuttle.internal.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.SocketOptions;
import dev.shuttle.testing.OpenDescriptors;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.SilentPort;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

@NetworkTest
class TcpConnectorTest {

    private static int closedPort() throws IOException {
        try (ServerSocket spare = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return spare.getLocalPort();
        }
    }

    @Test
    void refusedConnectNamesTheUri() throws IOException {
        int port = closedPort();
        ConnectException e = assertThrows(ConnectException.class,
                () -> Connector.tcp().connect("tcp://127.0.0.1:" + port));
        assertEquals("Connection to tcp://127.0.0.1:" + port + " failed: Connection refused", e.getMessage());
        assertInstanceOf(ConnectException.class, e.getCause());
    }

    @Test
    void aHostnameIsRejectedBeforeAnyIo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Connector.tcp().connect("tcp://example.com:80"));
        assertEquals("The TCP connector cannot connect to tcp://example.com:80: 'example.com' is a hostname and this"
                + " connector takes IP addresses only (use Connector.create(), which resolves names)", e.getMessage());
    }

    @Test
    void otherSchemesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Connector.tcp().connect("unix:///tmp/x.sock"));
        assertTrue(e.getMessage().startsWith("The TCP connector cannot connect to unix:///tmp/x.sock"), e.getMessage());
    }

    @Test
    void appliesSocketOptions() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SocketOptions options = SocketOptions.builder()
                    .tcpNoDelay(false)
                    .keepAlive(true)
                    .localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .build();
            try (Connection connection = Connector.tcp(options).connect("127.0.0.1:" + server.getLocalPort());
                    Socket accepted = server.accept()) {
                Socket socket = connection.unwrap(Socket.class).orElseThrow();
                assertFalse(socket.getTcpNoDelay());
                assertTrue(socket.getKeepAlive());
                assertEquals(accepted.getPort(), connection.localAddress().port());
            }
            try (Connection connection = Connector.tcp().connect("127.0.0.1:" + server.getLocalPort());
                    Socket ignored = server.accept()) {
                assertTrue(connection.unwrap(Socket.class).orElseThrow().getTcpNoDelay(), "TCP_NODELAY is on by default");
            }
        }
    }

    @Test
    void interruptAbortsAHangingConnectOnAVirtualThread() throws Exception {
        interruptAbortsAHangingConnect(Thread.ofVirtual());
    }

    @Test
    void interruptAbortsAHangingConnectOnAPlatformThread() throws Exception {
        interruptAbortsAHangingConnect(Thread.ofPlatform());
    }

    private void interruptAbortsAHangingConnect(Thread.Builder threads) throws Exception {
        try (SilentPort silent = SilentPort.on(InetAddress.getLoopbackAddress())) {
            String uri = "tcp://127.0.0.1:" + silent.address().getPort();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicReference<Boolean> flagKept = new AtomicReference<>();
            AtomicLong abortedAt = new AtomicLong();
            Thread connecting = threads.start(() -> {
                try (Connection ignored = Connector.tcp().connect(uri)) {
                    failure.set(new AssertionError("connected to a silent port"));
                } catch (IOException | RuntimeException e) {
                    abortedAt.set(System.nanoTime());
                    failure.set(e);
                    flagKept.set(Thread.currentThread().isInterrupted());
                }
            });
            // A virtual thread parks in the connect (waiting, or timed waiting: the socket adaptor's
            // connect parks with a deadline); a platform thread blocks in it, runnable.
            org.awaitility.Awaitility.await().until(() -> connecting.getState() == Thread.State.WAITING
                    || connecting.getState() == Thread.State.TIMED_WAITING
                    || connecting.getState() == Thread.State.RUNNABLE && isBlockedInConnect(connecting));
            long interruptedAt = System.nanoTime();
            connecting.interrupt();
            assertTrue(connecting.join(Duration.ofSeconds(5)), "connect did not abort");
            InterruptedIOException e = assertInstanceOf(InterruptedIOException.class, failure.get());
            assertEquals("Connection to " + uri + " was interrupted", e.getMessage());
            assertTrue(flagKept.get(), "the interrupt flag is kept");
            long millis = (abortedAt.get() - interruptedAt) / 1_000_000;
            // The aim is well under 100 ms; the bound is generous for a loaded machine.
            assertTrue(millis < 1_000, "aborted after " + millis + " ms");
        }
    }

    /**
     * The kernel makes a loopback connect before {@code connect} returns, unless it is loaded
     * enough to defer its packet work: a few tries, of which one must be made at once.
     */
    @Test
    void beginToALoopbackListenerIsConnectedAtOnce() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
            TcpConnector tcp = new TcpConnector(SocketOptions.defaults());
            boolean atOnce = false;
            for (int tries = 0; tries < 20 && !atOnce; tries++) {
                OpeningSocket opening = tcp.begin(Endpoint.of(Scheme.TCP, address), address);
                Connection now = opening.connection();
                atOnce = now != null;
                try (Connection connection = atOnce ? now : opening.finish(); Socket accepted = server.accept()) {
                    connection.output().write(7);
                    connection.output().flush();
                    assertEquals(7, accepted.getInputStream().read(), "the socket is blocking and usable");
                    opening.close();
                    assertTrue(connection.isOpen(), "closing the opening leaves a connection handed out open");
                }
            }
            assertTrue(atOnce, "no loopback connect of 20 was made at once");
        }
    }

    @Test
    void beginToARefusedLoopbackPortFailsNamingTheEndpoint() throws IOException {
        Map<Integer, String> before = OpenDescriptors.snapshot();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort());
        TcpConnector tcp = new TcpConnector(SocketOptions.defaults());
        boolean atOnce = false;
        for (int tries = 0; tries < 20 && !atOnce; tries++) {
            ConnectException e;
            try {
                OpeningSocket opening = tcp.begin(Endpoint.of(Scheme.TCP, address), address);
                assertNull(opening.connection(), "connected to a closed port");
                e = assertThrows(ConnectException.class, opening::finish);
            } catch (ConnectException refusedAtOnce) {
                atOnce = true;
                e = refusedAtOnce;
            }
            assertEquals("Connection to tcp://127.0.0.1:" + address.getPort() + " failed: Connection refused", e.getMessage());
        }
        assertTrue(atOnce, "no refusal of 20 was known at once");
        org.awaitility.Awaitility.await().until(() -> OpenDescriptors.since(before).isEmpty());
    }

    @Test
    void aConnectThatWaitsIsFinishedOnceThePeerAccepts() throws Exception {
        try (SilentPort silent = SilentPort.on(InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = silent.address();
            OpeningSocket opening = new TcpConnector(SocketOptions.defaults()).begin(Endpoint.of(Scheme.TCP, address), address);
            assertNull(opening.connection(), "a full accept queue leaves the connect waiting");
            silent.acceptOne().close();
            // The SYN sent again about a second later gets in; the bound is generous, not a wait.
            try (Connection connection = assertTimeoutPreemptively(Duration.ofSeconds(30), opening::finish)) {
                assertEquals("tcp://127.0.0.1:" + address.getPort(), connection.remoteAddress().toString());
                Socket socket = connection.unwrap(Socket.class).orElseThrow();
                assertTrue(socket.getChannel().isBlocking(), "handed out in blocking mode, as the socket's streams need");
                connection.output().write(1);
                connection.output().flush();
            }
        }
    }

    @Test
    void aConnectNotDoneAtOnceIsFinishedLaterAndAnInterruptAbortsIt() throws Exception {
        try (SilentPort silent = SilentPort.on(InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = silent.address();
            Endpoint endpoint = Endpoint.of(Scheme.TCP, address);
            OpeningSocket opening = new TcpConnector(SocketOptions.defaults()).begin(endpoint, address);
            assertNull(opening.connection(), "a silent port leaves the connect waiting");
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread finishing = Thread.ofVirtual().start(() -> {
                try (Connection ignored = opening.finish()) {
                    failure.set(new AssertionError("connected to a silent port"));
                } catch (IOException | RuntimeException e) {
                    failure.set(e);
                }
            });
            org.awaitility.Awaitility.await().until(() -> finishing.getState() == Thread.State.WAITING);
            finishing.interrupt();
            assertTrue(finishing.join(Duration.ofSeconds(5)), "finish did not abort");
            InterruptedIOException e = assertInstanceOf(InterruptedIOException.class, failure.get());
            assertEquals("Connection to " + endpoint + " was interrupted", e.getMessage());
        }
    }

    @Test
    void closingAnOpeningNeverFinishedReleasesItsSocket() throws Exception {
        try (SilentPort silent = SilentPort.on(InetAddress.getLoopbackAddress())) {
            Map<Integer, String> before = OpenDescriptors.snapshot();
            InetSocketAddress address = silent.address();
            OpeningSocket opening = new TcpConnector(SocketOptions.defaults()).begin(Endpoint.of(Scheme.TCP, address), address);
            assertFalse(OpenDescriptors.since(before).isEmpty(), "the socket is open while it connects");
            opening.close();
            org.awaitility.Awaitility.await().until(() -> OpenDescriptors.since(before).isEmpty());
        }
    }

    private static boolean isBlockedInConnect(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getMethodName().contains("connect") && frame.getClassName().contains("Socket")) {
                return true;
            }
        }
        return false;
    }
}
