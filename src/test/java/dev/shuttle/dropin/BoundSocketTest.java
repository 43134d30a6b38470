package dev.shuttle.dropin;

import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.awaitility.Awaitility.await;
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
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A drop-in socket bound before it connects, as {@link Socket#bind} binds: the port is taken at
 * the bind, and the connection comes from it.
 */
@NetworkTest
class BoundSocketTest {
    private static final InetAddress IPV4_LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    private static final InetAddress IPV6_LOOPBACK = InetAddress.ofLiteral("::1");

    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final ConnectListener recorder = new ConnectListener() {
        @Override
        public void attemptFailed(Endpoint endpoint, InetSocketAddress address, IOException failure) {
            attempts.add(address.getAddress().getHostAddress() + " failed");
        }

        @Override
        public void attemptSucceeded(Endpoint endpoint, InetSocketAddress address) {
            attempts.add(address.getAddress().getHostAddress() + " connected");
        }
    };
    private final ShuttleSocketFactory factory = ShuttleSocketFactory.create(ConnectorOptions.builder().listener(recorder).build());

    /** A factory whose resolver answers every name with these addresses. */
    private ShuttleSocketFactory resolving(List<InetAddress> ipv6, List<InetAddress> ipv4) {
        Resolver fixed = (host, family) -> family == StandardProtocolFamily.INET6 ? ipv6 : ipv4;
        return ShuttleSocketFactory.create(ConnectorOptions.builder().resolver(fixed).listener(recorder).build());
    }

    /** {@return whether a plain socket can bind the address now} */
    private static boolean bindable(InetSocketAddress address) throws IOException {
        try (Socket probe = new Socket()) {
            probe.bind(address);
            return true;
        } catch (BindException e) {
            return false;
        }
    }

    @Test
    void bindTakesThePortAtOnceAndTheConnectionComesFromIt() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 50, IPV4_LOOPBACK); Socket socket = factory.createSocket()) {
            socket.bind(new InetSocketAddress(IPV4_LOOPBACK, 0));
            int port = socket.getLocalPort();
            assertTrue(port > 0, "ephemeral port after bind: " + port);
            assertEquals(IPV4_LOOPBACK, socket.getLocalAddress());
            assertEquals(new InetSocketAddress(IPV4_LOOPBACK, port), socket.getLocalSocketAddress());
            assertFalse(bindable(new InetSocketAddress(IPV4_LOOPBACK, port)), "the bound port is held");
            socket.connect(new InetSocketAddress(IPV4_LOOPBACK, peer.getLocalPort()), 5_000);
            try (Socket accepted = peer.accept()) {
                assertEquals(port, accepted.getPort());
                assertEquals(port, socket.getLocalPort());
            }
        }
    }

    @Test
    void bindToAPortInUseIsABindExceptionAtTheBind() throws Exception {
        try (Socket holder = new Socket(); Socket socket = factory.createSocket()) {
            holder.bind(new InetSocketAddress(IPV4_LOOPBACK, 0));
            InetSocketAddress taken = new InetSocketAddress(IPV4_LOOPBACK, holder.getLocalPort());
            assertThrows(BindException.class, () -> socket.bind(taken));
            assertFalse(socket.isBound());
            socket.bind(new InetSocketAddress(IPV4_LOOPBACK, 0));
            assertTrue(socket.isBound());
        }
    }

    @Test
    void optionsSetAfterBindAreTheBoundSocketsOwn() throws Exception {
        try (Socket socket = factory.createSocket()) {
            socket.bind(new InetSocketAddress(IPV4_LOOPBACK, 0));
            assertTrue(socket.getTcpNoDelay(), "Shuttle's default, set at the bind");
            socket.setReceiveBufferSize(64 * 1024);
            assertTrue(socket.getReceiveBufferSize() >= 64 * 1024, "read from the bound socket: " + socket.getReceiveBufferSize());
        }
    }

    @Test
    void closeReleasesTheBoundPort() throws Exception {
        Socket socket = factory.createSocket();
        socket.bind(new InetSocketAddress(IPV4_LOOPBACK, 0));
        InetSocketAddress bound = (InetSocketAddress) socket.getLocalSocketAddress();
        socket.close();
        assertTrue(bindable(bound));
    }

    @Test
    void aConnectThatFailsAfterTheBindClosesTheSocketAndReleasesThePort() throws Exception {
        int closedPort;
        try (ServerSocket spare = new ServerSocket(0, 1, IPV4_LOOPBACK)) {
            closedPort = spare.getLocalPort();
        }
        Socket socket = factory.createSocket();
        socket.bind(new InetSocketAddress(IPV4_LOOPBACK, 0));
        InetSocketAddress bound = (InetSocketAddress) socket.getLocalSocketAddress();
        assertThrows(ConnectException.class, () -> socket.connect(new InetSocketAddress(IPV4_LOOPBACK, closedPort), 5_000));
        assertTrue(socket.isClosed());
        assertTrue(bindable(bound));
    }

    @Test
    void aBoundConnectThatTimesOutReleasesThePort() throws Exception {
        try (SilentPort silent = SilentPort.on(IPV4_LOOPBACK)) {
            Socket socket = factory.createSocket();
            socket.bind(new InetSocketAddress(IPV4_LOOPBACK, 0));
            InetSocketAddress bound = (InetSocketAddress) socket.getLocalSocketAddress();
            assertThrows(SocketTimeoutException.class, () -> socket.connect(silent.address(), 200));
            assertTrue(socket.isClosed());
            assertTrue(bindable(bound));
        }
    }

    @Test
    void closeFromAnotherThreadAbortsABoundConnectAndReleasesThePort() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ShuttleSocketFactory watched = ShuttleSocketFactory.create(ConnectorOptions.builder()
                .listener(new ConnectListener() {
                    @Override
                    public void attemptStarted(Endpoint endpoint, InetSocketAddress address) {
                        started.countDown();
                    }
                })
                .build());
        try (SilentPort silent = SilentPort.on(IPV4_LOOPBACK)) {
            Socket socket = watched.createSocket();
            socket.bind(new InetSocketAddress(IPV4_LOOPBACK, 0));
            InetSocketAddress bound = (InetSocketAddress) socket.getLocalSocketAddress();
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
            assertInstanceOf(SocketException.class, outcome.get(10, TimeUnit.SECONDS));
            Bounded.join(connecting);
            await().atMost(Duration.ofSeconds(5)).until(() -> bindable(bound));
        }
    }

    @Test
    void aSocketBoundToAnIpv4AddressCannotConnectToAnIpv6Address() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 50, IPV6_LOOPBACK)) {
            Socket socket = factory.createSocket();
            socket.bind(new InetSocketAddress(IPV4_LOOPBACK, 0));
            SocketException e = assertThrows(SocketException.class,
                    () -> socket.connect(new InetSocketAddress(IPV6_LOOPBACK, peer.getLocalPort()), 5_000));
            assertTrue(e.getMessage().contains("bound to 127.0.0.1:") && e.getMessage().contains("IPv4"), e.getMessage());
            assertTrue(socket.isClosed());
            assertEquals(List.of(), attempts, "no attempt made");
        }
    }

    @Test
    void byNameABoundSocketTriesOnlyAddressesOfItsFamily() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 50, IPV4_LOOPBACK);
                Socket socket = resolving(List.of(IPV6_LOOPBACK), List.of(IPV4_LOOPBACK)).createSocket()) {
            socket.bind(new InetSocketAddress(IPV4_LOOPBACK, 0));
            socket.connect(InetSocketAddress.createUnresolved("both.test", peer.getLocalPort()), 5_000);
            try (Socket accepted = peer.accept()) {
                assertEquals(socket.getLocalPort(), accepted.getPort());
            }
            assertEquals(List.of("127.0.0.1 connected"), attempts);
        }
    }

    @Test
    void aNameWithAddressesOfTheOtherFamilyOnlyFailsSayingSo() throws Exception {
        Socket socket = resolving(List.of(IPV6_LOOPBACK), List.of()).createSocket();
        socket.bind(new InetSocketAddress(IPV4_LOOPBACK, 0));
        SocketException e = assertThrows(SocketException.class,
                () -> socket.connect(InetSocketAddress.createUnresolved("v6only.test", 80), 5_000));
        assertTrue(e.getMessage().contains("v6only.test") && e.getMessage().contains("only IPv6 addresses")
                && e.getMessage().contains("bound to 127.0.0.1:"), e.getMessage());
        assertTrue(socket.isClosed());
    }

    @Test
    void byNameTheAddressesAreTriedOneAfterAnotherFromTheBoundPort() throws Exception {
        // The sorter puts 127.0.0.1 first (the longer prefix shared with the source, 127.0.0.1);
        // nothing listens there on the peer's port, so the second attempt needs the port again.
        InetAddress second = InetAddress.ofLiteral("127.0.0.2");
        try (ServerSocket peer = new ServerSocket(0, 50, second);
                Socket socket = resolving(List.of(), List.of(IPV4_LOOPBACK, second)).createSocket()) {
            socket.bind(new InetSocketAddress(IPV4_LOOPBACK, 0));
            int port = socket.getLocalPort();
            socket.connect(InetSocketAddress.createUnresolved("two.test", peer.getLocalPort()), 5_000);
            try (Socket accepted = peer.accept()) {
                assertEquals(port, accepted.getPort());
            }
            assertEquals(List.of("127.0.0.1 failed", "127.0.0.2 connected"), attempts);
            assertEquals(port, socket.getLocalPort());
        }
    }

    @Test
    void aSocketBoundToTheWildcardReachesBothFamiliesFromItsPort() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 50, IPV4_LOOPBACK);
                Socket socket = resolving(List.of(IPV6_LOOPBACK), List.of(IPV4_LOOPBACK)).createSocket()) {
            socket.bind(null);
            int port = socket.getLocalPort();
            assertTrue(port > 0);
            assertTrue(socket.getLocalAddress().isAnyLocalAddress());
            socket.connect(InetSocketAddress.createUnresolved("both.test", peer.getLocalPort()), 5_000);
            try (Socket accepted = peer.accept()) {
                assertEquals(port, accepted.getPort());
            }
            assertEquals(List.of("0:0:0:0:0:0:0:1 failed", "127.0.0.1 connected"), attempts);
        }
    }

    @Test
    void theFactorysLocalAddressOverloadsBindBeforeTheyConnect() throws Exception {
        try (Socket holder = new Socket(); ServerSocket peer = new ServerSocket(0, 50, IPV4_LOOPBACK)) {
            holder.bind(new InetSocketAddress(IPV4_LOOPBACK, 0));
            assertThrows(BindException.class,
                    () -> factory.createSocket("127.0.0.1", peer.getLocalPort(), IPV4_LOOPBACK, holder.getLocalPort()));
            assertEquals(List.of(), attempts, "no attempt made from a port in use");
        }
        try (ServerSocket peer = new ServerSocket(0, 50, IPV4_LOOPBACK);
                Socket socket = resolving(List.of(IPV6_LOOPBACK), List.of(IPV4_LOOPBACK))
                        .createSocket("both.test", peer.getLocalPort(), IPV4_LOOPBACK, 0);
                Socket accepted = peer.accept()) {
            assertEquals(socket.getLocalPort(), accepted.getPort());
            assertEquals(List.of("127.0.0.1 connected"), attempts);
        }
    }

    @Test
    void ipv6BoundSocketsReachIpv6Only() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 50, IPV6_LOOPBACK);
                Socket socket = resolving(List.of(IPV6_LOOPBACK), List.of(IPV4_LOOPBACK)).createSocket()) {
            socket.bind(new InetSocketAddress(IPV6_LOOPBACK, 0));
            assertTrue(socket.getLocalAddress() instanceof Inet6Address);
            socket.connect(InetSocketAddress.createUnresolved("both.test", peer.getLocalPort()), 5_000);
            try (Socket accepted = peer.accept()) {
                assertEquals(socket.getLocalPort(), accepted.getPort());
            }
            assertEquals(List.of("0:0:0:0:0:0:0:1 connected"), attempts);
        }
    }
}
