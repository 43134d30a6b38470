package dev.shuttle.dropin;

import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ConnectListener;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Endpoint;
import dev.shuttle.Resolver;
import dev.shuttle.dropin.ShuttleSocketFactory;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.SilentPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

@NetworkTest
class ShuttleSocketFactoryTest {
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final ConnectListener recorder = new ConnectListener() {
        @Override
        public void attemptSucceeded(Endpoint endpoint, InetSocketAddress address) {
            attempts.add(endpoint + " via " + address.getAddress().getHostAddress());
        }
    };
    private final ShuttleSocketFactory factory = ShuttleSocketFactory.create(ConnectorOptions.builder()
            .listener(recorder)
            .build());

    private static void roundTrip(Socket socket) throws IOException {
        socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), socket.getInputStream().readNBytes(4));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket spare = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return spare.getLocalPort();
        }
    }

    @Test
    void createSocketByNameResolvesAndConnectsThroughShuttle() throws Exception {
        try (EchoPeer peer = EchoPeer.tcp(); Socket socket = factory.createSocket("localhost", peer.port())) {
            assertTrue(socket.isConnected());
            assertEquals(peer.port(), socket.getPort());
            assertEquals(InetAddress.getByName("127.0.0.1"), socket.getInetAddress());
            roundTrip(socket);
            assertEquals(List.of("tcp://localhost:" + peer.port() + " via 127.0.0.1"), attempts);
        }
    }

    @Test
    void unconnectedSocketConnectsThroughShuttleToAnUnresolvedAddress() throws Exception {
        try (EchoPeer peer = EchoPeer.tcp(); Socket socket = factory.createSocket()) {
            assertFalse(socket.isConnected());
            socket.connect(InetSocketAddress.createUnresolved("localhost", peer.port()), 5_000);
            assertTrue(socket.isConnected());
            assertTrue(socket.isBound());
            roundTrip(socket);
            assertEquals(List.of("tcp://localhost:" + peer.port() + " via 127.0.0.1"), attempts);
        }
    }

    @Test
    void aResolvedAddressIsConnectedToItsIpWhateverNameItCarries() throws Exception {
        // The caller chose the address (its own DNS, a pinned address): Shuttle's resolver, which
        // knows no name at all here, is not asked again.
        Resolver nothing = (host, family) -> {
            throw new UnknownHostException(host + ": no such name");
        };
        ShuttleSocketFactory noDns = ShuttleSocketFactory.create(ConnectorOptions.builder()
                .resolver(nothing).listener(recorder).build());
        try (EchoPeer peer = EchoPeer.tcp(); Socket socket = noDns.createSocket()) {
            InetAddress pinned = InetAddress.getByAddress("pinned.shuttle.invalid", new byte[] {127, 0, 0, 1});
            socket.connect(new InetSocketAddress(pinned, peer.port()), 5_000);
            roundTrip(socket);
            try (Socket byFactory = noDns.createSocket(pinned, peer.port())) {
                roundTrip(byFactory);
            }
            assertEquals(List.of("tcp://127.0.0.1:" + peer.port() + " via 127.0.0.1",
                    "tcp://127.0.0.1:" + peer.port() + " via 127.0.0.1"), attempts);
        }
    }

    @Test
    void anAddressTheJdkResolvedGoesThroughShuttleToTheAddressTheJdkChose() throws Exception {
        // What pgjdbc passes: new InetSocketAddress(host, port), resolved by the JDK.
        try (EchoPeer peer = EchoPeer.tcp(); Socket socket = factory.createSocket()) {
            InetSocketAddress resolved = new InetSocketAddress("localhost", peer.port());
            socket.connect(resolved, 5_000);
            assertEquals(resolved.getAddress(), socket.getInetAddress());
            roundTrip(socket);
            assertEquals(List.of(Endpoint.of(dev.shuttle.Scheme.TCP, resolved) + " via " + resolved.getAddress().getHostAddress()),
                    attempts);
        }
    }

    @Test
    void anIpLiteralAddressIsConnectedToAsItIs() throws Exception {
        try (EchoPeer peer = EchoPeer.tcp(); Socket socket = factory.createSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), peer.port()));
            roundTrip(socket);
            assertEquals(List.of("tcp://127.0.0.1:" + peer.port() + " via 127.0.0.1"), attempts);
        }
    }

    @Test
    void optionsSetBeforeConnectApplyToTheConnectedSocket() throws Exception {
        try (EchoPeer peer = EchoPeer.tcp(); Socket socket = factory.createSocket()) {
            socket.setTcpNoDelay(false);
            socket.setKeepAlive(true);
            socket.setSoTimeout(150);
            socket.setReceiveBufferSize(32 * 1024);
            assertEquals(150, socket.getSoTimeout());
            socket.connect(new InetSocketAddress("127.0.0.1", peer.port()));
            assertFalse(socket.getTcpNoDelay());
            assertTrue(socket.getKeepAlive());
            assertEquals(150, socket.getSoTimeout());
            assertTrue(socket.getReceiveBufferSize() >= 32 * 1024);
        }
    }

    @Test
    void reuseAddressSetBeforeBindLetsTheSocketBindAPortAnotherReusableSocketHolds() throws Exception {
        InetAddress loopback = InetAddress.ofLiteral("127.0.0.1");
        try (EchoPeer first = EchoPeer.tcp(); EchoPeer second = EchoPeer.tcp(); Socket holder = new Socket()) {
            holder.setReuseAddress(true);
            holder.bind(new InetSocketAddress(loopback, 0));
            holder.connect(new InetSocketAddress(loopback, first.port()));
            try (Socket socket = factory.createSocket()) {
                socket.setReuseAddress(true);
                assertTrue(socket.getReuseAddress());
                socket.bind(new InetSocketAddress(loopback, holder.getLocalPort()));
                socket.connect(new InetSocketAddress(loopback, second.port()), 5_000);
                assertEquals(holder.getLocalPort(), socket.getLocalPort());
                assertTrue(socket.getReuseAddress());
                roundTrip(socket);
            }
        }
    }

    /** jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE, found by name: the module jdk.net is not read by the tests. */
    @SuppressWarnings("unchecked")
    private static SocketOption<Integer> keepIdle() throws IOException {
        try (Socket jdk = new Socket()) {
            return (SocketOption<Integer>) jdk.supportedOptions().stream().filter(o -> o.name().equals("TCP_KEEPIDLE"))
                    .findFirst().orElseThrow();
        }
    }

    @Test
    void namedOptionsSetBeforeConnectApplyOnceConnected() throws Exception {
        SocketOption<Integer> keepIdle = keepIdle();
        try (EchoPeer peer = EchoPeer.tcp(); Socket socket = factory.createSocket()) {
            assertTrue(socket.supportedOptions().contains(keepIdle));
            socket.setOption(keepIdle, 42);
            assertEquals(42, socket.getOption(keepIdle));
            socket.connect(new InetSocketAddress("127.0.0.1", peer.port()));
            assertEquals(42, socket.getOption(keepIdle));
            roundTrip(socket);
        }
    }

    @Test
    void readTimeoutThrowsSocketTimeoutAndTheSocketStaysUsable() throws Exception {
        try (EchoPeer peer = EchoPeer.tcp(); Socket socket = factory.createSocket("127.0.0.1", peer.port())) {
            socket.setSoTimeout(100);
            InputStream input = socket.getInputStream();
            assertThrows(SocketTimeoutException.class, input::read);
            assertFalse(socket.isClosed());
            roundTrip(socket);
        }
    }

    @Test
    void halfCloseLetsThePeerSeeEndOfStreamWhileThisSideReads() throws Exception {
        try (EchoPeer peer = EchoPeer.tcp(); Socket socket = factory.createSocket("127.0.0.1", peer.port())) {
            socket.getOutputStream().write("bye".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            assertTrue(socket.isOutputShutdown());
            assertArrayEquals("bye".getBytes(StandardCharsets.US_ASCII), socket.getInputStream().readAllBytes());
        }
    }

    @Test
    void closeReleasesTheSocketAndIsIdempotent() throws Exception {
        try (EchoPeer peer = EchoPeer.tcp()) {
            Socket socket = factory.createSocket("127.0.0.1", peer.port());
            InputStream input = socket.getInputStream();
            socket.close();
            socket.close();
            assertTrue(socket.isClosed());
            assertThrows(SocketException.class, input::read);
            assertThrows(SocketException.class, socket::getInputStream);
        }
    }

    @Test
    void localAddressOverloadsBindAsAsked() throws Exception {
        int localPort = closedPort();
        InetAddress loopback = InetAddress.ofLiteral("127.0.0.1");
        try (EchoPeer peer = EchoPeer.tcp();
                Socket byName = factory.createSocket("localhost", peer.port(), loopback, localPort);
                Socket byAddress = factory.createSocket(loopback, peer.port(), loopback, 0)) {
            assertEquals(new InetSocketAddress(loopback, localPort), byName.getLocalSocketAddress());
            assertEquals(loopback, byAddress.getLocalAddress());
            roundTrip(byName);
            roundTrip(byAddress);
        }
    }

    @Test
    void bindBeforeConnectPicksTheLocalPort() throws Exception {
        int localPort = closedPort();
        try (EchoPeer peer = EchoPeer.tcp(); Socket socket = factory.createSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), localPort));
            assertTrue(socket.isBound());
            socket.connect(new InetSocketAddress("127.0.0.1", peer.port()));
            assertEquals(localPort, socket.getLocalPort());
        }
    }

    @Test
    void refusedConnectIsAConnectExceptionAndClosesTheSocket() throws Exception {
        int port = closedPort();
        Socket socket = factory.createSocket();
        ConnectException e = assertThrows(ConnectException.class,
                () -> socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000));
        assertTrue(e.getMessage().contains("tcp://127.0.0.1:" + port), e.getMessage());
        assertTrue(socket.isClosed());
        assertThrows(ConnectException.class, () -> factory.createSocket("127.0.0.1", port));
    }

    @Test
    void theCallersTimeoutBoundsTheConnect() throws Exception {
        try (SilentPort silent = SilentPort.on(InetAddress.ofLiteral("127.0.0.1")); Socket socket = factory.createSocket()) {
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                    () -> socket.connect(silent.address(), 200));
            assertTrue(e.getMessage().contains("timed out after 200 ms"), e.getMessage());
            assertTrue(socket.isClosed());
        }
    }

    @Test
    void anUnknownNameIsAnUnknownHostException() {
        Resolver nothing = (host, family) -> {
            throw new UnknownHostException(host + ": no such name");
        };
        ShuttleSocketFactory unknown = ShuttleSocketFactory.create(ConnectorOptions.builder().resolver(nothing).build());
        assertThrows(UnknownHostException.class, () -> unknown.createSocket("nowhere.test", 80));
        assertThrows(UnknownHostException.class, () -> unknown.createSocket().connect(
                InetSocketAddress.createUnresolved("nowhere.test", 80), 1_000));
    }

    /** A factory that counts {@code started} down as each connect attempt starts. */
    private static ShuttleSocketFactory countingAttempts(CountDownLatch started) {
        return ShuttleSocketFactory.create(ConnectorOptions.builder()
                .listener(new ConnectListener() {
                    @Override
                    public void attemptStarted(Endpoint endpoint, InetSocketAddress address) {
                        started.countDown();
                    }
                })
                .build());
    }

    @Test
    void closeFromAnotherThreadAbortsAConnectInProgress() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ShuttleSocketFactory watched = countingAttempts(started);
        try (SilentPort silent = SilentPort.on(InetAddress.ofLiteral("127.0.0.1"))) {
            Socket socket = watched.createSocket();
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread connecting = Thread.ofVirtual().start(() -> {
                try {
                    socket.connect(silent.address());
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            });
            assertTrue(started.await(10, TimeUnit.SECONDS), "the connect attempt started");
            socket.close();
            Throwable failure = Bounded.get(outcome);
            assertInstanceOf(SocketException.class, failure);
            assertTrue(failure.getMessage().contains("while connecting to tcp://127.0.0.1:" + silent.address().getPort()),
                    failure.getMessage());
            assertTrue(socket.isClosed());
            Bounded.join(connecting);
        }
    }

    @Test
    void aSecondConnectWhileOneIsInProgressIsRefusedAsTheJdksSocketsRefuseIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ShuttleSocketFactory watched = countingAttempts(started);
        try (SilentPort silent = SilentPort.on(InetAddress.ofLiteral("127.0.0.1")); EchoPeer peer = EchoPeer.tcp()) {
            Socket socket = watched.createSocket();
            CompletableFuture<Throwable> first = new CompletableFuture<>();
            Thread connecting = Thread.ofVirtual().start(() -> {
                try {
                    socket.connect(silent.address());
                    first.complete(null);
                } catch (Throwable e) {
                    first.complete(e);
                }
            });
            assertTrue(started.await(10, TimeUnit.SECONDS), "the first connect started");
            SocketException second = assertThrows(SocketException.class,
                    () -> socket.connect(new InetSocketAddress("127.0.0.1", peer.port())));
            assertTrue(second.getMessage().startsWith("Connection in progress: this socket is connecting to tcp://127.0.0.1:"
                    + silent.address().getPort() + ", so it cannot also connect to tcp://127.0.0.1:" + peer.port()),
                    second.getMessage());
            // As with the JDK's sockets, the refused connect closed the socket, which aborts the first.
            assertInstanceOf(SocketException.class, first.get(10, TimeUnit.SECONDS));
            assertTrue(socket.isClosed());
            Bounded.join(connecting);
        }
    }

    @Test
    void closeBeforeConnectFailsTheConnect() throws Exception {
        Socket socket = factory.createSocket();
        socket.close();
        assertThrows(SocketException.class, () -> socket.connect(new InetSocketAddress("127.0.0.1", 9)));
    }

    @Test
    void interruptAbortsTheConnectAndKeepsTheFlag() throws Exception {
        try (SilentPort silent = SilentPort.on(InetAddress.ofLiteral("127.0.0.1"))) {
            Socket socket = factory.createSocket();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            Thread connecting = Thread.ofVirtual().start(() -> {
                try {
                    socket.connect(silent.address());
                } catch (Throwable e) {
                    failure.set(e);
                    flag.set(Thread.currentThread().isInterrupted());
                }
            });
            org.awaitility.Awaitility.await().until(() -> connecting.getState() == Thread.State.WAITING
                    || connecting.getState() == Thread.State.TIMED_WAITING);
            connecting.interrupt();
            Bounded.join(connecting);
            assertInstanceOf(InterruptedIOException.class, failure.get());
            assertTrue(flag.get());
            assertTrue(socket.isClosed());
        }
    }

    @Test
    void interruptingABlockedReadClosesTheSocketAsTheJdksDoes() throws Exception {
        try (EchoPeer peer = EchoPeer.tcp(); Socket socket = factory.createSocket("127.0.0.1", peer.port())) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread reading = Thread.ofVirtual().start(() -> {
                try {
                    socket.getInputStream().read();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            org.awaitility.Awaitility.await().until(() -> reading.getState() == Thread.State.WAITING);
            reading.interrupt();
            Bounded.join(reading);
            assertInstanceOf(SocketException.class, failure.get());
            assertEquals("Closed by interrupt", failure.get().getMessage());
            assertTrue(socket.isClosed());
        }
    }

    @Test
    void aBracketedIpv6LiteralIsConnectedToAsUriGetHostWritesIt() throws Exception {
        try (EchoPeer peer = new EchoPeer("tcp://[::1]:0", dev.shuttle.ServerOptions.defaults())) {
            String host = java.net.URI.create("http://[::1]:" + peer.port() + "/").getHost();
            assertEquals("[::1]", host);
            try (Socket socket = factory.createSocket(host, peer.port())) {
                assertEquals(InetAddress.ofLiteral("::1"), socket.getInetAddress());
                roundTrip(socket);
            }
            try (Socket socket = factory.createSocket(host, peer.port(), null, 0)) {
                roundTrip(socket);
            }
            try (Socket socket = factory.createSocket()) {
                socket.connect(InetSocketAddress.createUnresolved(host, peer.port()), 5_000);
                roundTrip(socket);
            }
        }
    }

    @Test
    void aNullOrEmptyHostIsTheLoopbackAddressAsForInetAddressGetByName() throws Exception {
        InetAddress loopback = InetAddress.getByName(null);
        String uri = "tcp://" + (loopback instanceof java.net.Inet6Address ? "[::1]" : "127.0.0.1") + ":0";
        try (EchoPeer peer = new EchoPeer(uri, dev.shuttle.ServerOptions.defaults())) {
            for (String host : new String[] {null, ""}) {
                try (Socket socket = factory.createSocket(host, peer.port())) {
                    assertEquals(loopback, socket.getInetAddress());
                    roundTrip(socket);
                }
                try (Socket socket = factory.createSocket(host, peer.port(), null, 0)) {
                    roundTrip(socket);
                }
            }
        }
    }

    @Test
    void badInputIsRejectedBeforeAnyIo() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> factory.createSocket("localhost", 70_000));
        assertTrue(port.getMessage().contains("port") && port.getMessage().contains("70000"), port.getMessage());
        assertThrows(IllegalArgumentException.class, () -> factory.createSocket("localhost", 0));
        assertThrows(IllegalArgumentException.class, () -> factory.createSocket((InetAddress) null, 80));
        assertThrows(IllegalArgumentException.class,
                () -> factory.createSocket("localhost", 80, null, -1));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new ShuttleSocketFactory("never-registered"));
        assertTrue(unknown.getMessage().contains("never-registered"), unknown.getMessage());
    }

    @Test
    void aRegisteredNameSelectsItsOptions() throws Exception {
        ShuttleSocketFactory.register("socket-factory-test", ConnectorOptions.builder().listener(recorder).build());
        try (EchoPeer peer = EchoPeer.tcp();
                Socket socket = new ShuttleSocketFactory("socket-factory-test").createSocket("localhost", peer.port())) {
            roundTrip(socket);
            assertEquals(1, attempts.size());
        }
        assertEquals(ConnectorOptions.defaults().connectTimeout(), new ShuttleSocketFactory(null).options().connectTimeout());
    }
}
