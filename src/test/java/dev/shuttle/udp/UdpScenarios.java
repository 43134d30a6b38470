package dev.shuttle.udp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Datagram;
import dev.shuttle.DatagramHandler;
import dev.shuttle.DatagramTooLargeException;
import dev.shuttle.Endpoint;
import dev.shuttle.UdpOptions;
import dev.shuttle.UdpServer;
import dev.shuttle.UdpSocket;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * UDP over loopback, written once and run over IPv4 and IPv6: exact sizes, boundaries, limits,
 * timeouts, an unreachable port, interrupts and serving.
 */
@NetworkTest
abstract class UdpScenarios {
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    /** {@return where to listen: a loopback address with port 0} */
    abstract String listenUri();

    /** {@return the largest payload one datagram carries over this family} */
    abstract int largestPayload();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    UdpServer listen(UdpOptions.Builder options) throws IOException {
        UdpServer server = UdpServer.listen(listenUri(), options.errorHandler(errors::add).build());
        toClose.add(server);
        return server;
    }

    UdpServer listen() throws IOException {
        return listen(UdpOptions.builder());
    }

    UdpSocket connect(Endpoint to, UdpOptions.Builder options) throws IOException {
        UdpSocket socket = UdpSocket.connect(to.toString(), options.receiveTimeout(Duration.ofSeconds(20)).build());
        toClose.add(socket);
        return socket;
    }

    UdpSocket connect(Endpoint to) throws IOException {
        return connect(to, UdpOptions.builder());
    }

    /** Serves on a virtual thread until the test ends. */
    Thread serve(UdpServer server, DatagramHandler handler) {
        Thread serving = Thread.ofVirtual().name("serve " + server.address()).start(() -> {
            try {
                server.serve(handler);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        toClose.add(() -> {
            server.close();
            serving.join();
        });
        return serving;
    }

    static void echo(Datagram datagram, UdpServer server) throws IOException {
        server.send(datagram.sender(), datagram.payload());
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void datagramsKeepTheirExactSizeBothWays() throws Exception {
        UdpServer server = listen();
        serve(server, UdpScenarios::echo);
        UdpSocket socket = connect(server.address());
        for (int size : new int[] {1, 1472, 8192, 65_507, largestPayload()}) {
            byte[] payload = random(size, size);
            socket.send(payload);
            assertArrayEquals(payload, socket.receive(), size + " bytes");
        }
    }

    @Test
    void anEmptyDatagramArrivesEmpty() throws Exception {
        UdpServer server = listen();
        UdpSocket socket = connect(server.address());
        socket.send(new byte[] {1});
        Datagram hello = server.receive();
        server.send(hello.sender(), new byte[0]);
        assertEquals(0, socket.receive().length);
        socket.send(new byte[] {2});
        assertArrayEquals(new byte[] {2}, server.receive().payload(), "the empty datagram did not merge with the next");

        UdpServer peer = listen();
        peer.send(server.address(), new byte[0]);
        Datagram empty = server.receive();
        assertEquals(0, empty.length());
        assertEquals(peer.address(), empty.sender());
    }

    @Test
    void anInterruptedSendClosesTheSocketAndKeepsTheFlag() throws Exception {
        UdpServer server = listen();
        UdpSocket socket = connect(server.address());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> flagKept = new AtomicReference<>();
        Thread sending = Thread.ofVirtual().unstarted(() -> {
            Thread.currentThread().interrupt();
            try {
                socket.send(new byte[] {1});
            } catch (IOException e) {
                failure.set(e);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        sending.start();
        sending.join();
        InterruptedIOException e = assertInstanceOf(InterruptedIOException.class, failure.get());
        assertEquals("Sending to " + server.address() + " was interrupted; the socket is closed", e.getMessage());
        assertTrue(flagKept.get());
        assertFalse(socket.isOpen());
    }

    @Test
    void aConnectedSocketRefusesAnEmptyDatagramInsteadOfDroppingIt() throws Exception {
        UdpServer server = listen();
        UdpSocket socket = connect(server.address());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> socket.send(new byte[0]));
        assertTrue(e.getMessage().startsWith("An empty datagram cannot be sent to " + server.address()), e.getMessage());
    }

    @Test
    void manyDatagramsKeepTheirBoundariesAndOrder() throws Exception {
        UdpServer server = listen(UdpOptions.builder().maxConcurrentHandlers(1));
        serve(server, UdpScenarios::echo);
        UdpSocket socket = connect(server.address());
        int sent = 0;
        for (int burst = 0; burst < 10; burst++) {
            int first = sent;
            for (int i = 0; i < 20; i++, sent++) {
                byte[] payload = new byte[4 + (sent * 37) % 1400];
                ByteBuffer.wrap(payload).putInt(sent);
                socket.send(payload);
            }
            for (int i = first; i < sent; i++) {
                byte[] echoed = socket.receive();
                assertEquals(i, ByteBuffer.wrap(echoed).getInt());
                assertEquals(4 + (i * 37) % 1400, echoed.length);
            }
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void theSenderIsTheClientsAddressAsAUdpEndpoint() throws Exception {
        UdpServer server = listen();
        UdpSocket socket = connect(server.address());
        socket.send(new byte[] {7});
        Datagram datagram = server.receive();
        assertEquals(socket.localAddress(), datagram.sender());
        assertEquals(server.address(), socket.remoteAddress());
        assertTrue(datagram.sender().toString().startsWith("udp://"), datagram.sender().toString());
        assertEquals("Datagram[1 bytes from " + socket.localAddress() + "]", datagram.toString());
    }

    @Test
    void oversizedPayloadsAreRefusedBeforeAnyIo() throws Exception {
        UdpServer server = listen();
        UdpSocket socket = connect(server.address());
        int tooMany = largestPayload() + 1;
        IllegalArgumentException client = assertThrows(IllegalArgumentException.class, () -> socket.send(new byte[tooMany]));
        assertEquals("A datagram of " + tooMany + " bytes cannot be sent to " + server.address() + ": one UDP datagram over "
                + (largestPayload() == 65_507 ? "IPv4" : "IPv6") + " carries at most " + largestPayload() + " bytes",
                client.getMessage());
        assertThrows(IllegalArgumentException.class, () -> server.send(socket.localAddress(), new byte[tooMany]));
        socket.setReceiveTimeout(Duration.ofMillis(200));
        assertThrows(SocketTimeoutException.class, socket::receive, "nothing was sent");
    }

    @Test
    void aDatagramLargerThanTheLimitIsReportedNeverTruncated() throws Exception {
        UdpServer server = listen();
        UdpSocket socket = connect(server.address(), UdpOptions.builder().maxDatagramSize(100));
        socket.send(new byte[] {1});
        Endpoint client = server.receive().sender();
        server.send(client, new byte[101]);
        DatagramTooLargeException e = assertThrows(DatagramTooLargeException.class, socket::receive);
        assertEquals("A datagram from " + server.address() + " to " + socket.localAddress()
                + " was larger than the maximum datagram size of 100 bytes; it was dropped", e.getMessage());
        assertEquals(100, e.maxDatagramSize());
        server.send(client, new byte[100]);
        assertEquals(100, socket.receive().length, "the socket stays usable");
    }

    @Test
    void aReceiveTimeoutThrowsAndLeavesTheSocketUsable() throws Exception {
        UdpServer server = listen();
        UdpSocket socket = connect(server.address(), UdpOptions.builder());
        socket.setReceiveTimeout(Duration.ofMillis(100));
        assertEquals(Duration.ofMillis(100), socket.receiveTimeout());
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class, socket::receive);
        assertEquals("Receiving from " + server.address() + " timed out after 100 ms", e.getMessage());
        socket.send(new byte[] {1});
        server.send(server.receive().sender(), new byte[] {2});
        assertArrayEquals(new byte[] {2}, socket.receive());
        server.setReceiveTimeout(Duration.ofMillis(50));
        assertThrows(SocketTimeoutException.class, server::receive);
        assertThrows(IllegalArgumentException.class, () -> socket.setReceiveTimeout(Duration.ofMillis(-1)));
    }

    @Test
    void aPortNobodyListensOnIsReportedAsPortUnreachable() throws Exception {
        UdpServer gone = UdpServer.listen(listenUri());
        Endpoint address = gone.address();
        gone.close();
        UdpSocket socket = connect(address);
        socket.send(new byte[] {1});
        PortUnreachableException e = assertThrows(PortUnreachableException.class, () -> {
            socket.receive();
            socket.send(new byte[] {1});
        });
        assertEquals(address + " is unreachable: its host answered a datagram with ICMP port unreachable"
                + " (nothing listens on that port)", e.getMessage());
        assertTrue(socket.isOpen());
    }

    @Test
    void anInterruptAbortsABlockedReceiveAndClosesTheSocket() throws Exception {
        UdpServer server = listen();
        UdpSocket socket = connect(server.address());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> flagKept = new AtomicReference<>();
        Thread receiving = Thread.ofVirtual().start(() -> {
            try {
                socket.receive();
            } catch (IOException e) {
                failure.set(e);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        await().until(() -> receiving.getState() == Thread.State.WAITING || receiving.getState() == Thread.State.TIMED_WAITING);
        receiving.interrupt();
        receiving.join(Duration.ofSeconds(5));
        assertFalse(receiving.isAlive());
        InterruptedIOException e = assertInstanceOf(InterruptedIOException.class, failure.get());
        assertEquals("Receiving from " + server.address() + " was interrupted; the socket is closed", e.getMessage());
        assertTrue(flagKept.get());
        assertFalse(socket.isOpen());
    }

    @Test
    void closeEndsAReceiveAndServeAndIsIdempotent() throws Exception {
        UdpServer server = listen();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread receiving = Thread.ofVirtual().start(() -> {
            try {
                server.receive();
            } catch (IOException e) {
                failure.set(e);
            }
        });
        await().until(() -> receiving.getState() == Thread.State.WAITING || receiving.getState() == Thread.State.TIMED_WAITING);
        server.close();
        server.close();
        receiving.join();
        SocketException e = assertInstanceOf(SocketException.class, failure.get());
        assertEquals("Receiving on " + server.address() + " failed: UDP socket " + server.address() + " is closed",
                e.getMessage());

        UdpServer served = listen();
        Thread serving = serve(served, UdpScenarios::echo);
        await().until(() -> serving.getState() == Thread.State.WAITING);
        served.close();
        served.close();
        serving.join(Duration.ofSeconds(5));
        assertFalse(serving.isAlive());
        assertFalse(served.isOpen());
    }

    @Test
    void serveRunsAtMostTheConfiguredNumberOfHandlersAtOnce() throws Exception {
        UdpServer server = listen(UdpOptions.builder().maxConcurrentHandlers(2));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        serve(server, (datagram, udp) -> {
            started.incrementAndGet();
            release.await();
            finished.incrementAndGet();
        });
        UdpSocket socket = connect(server.address());
        for (int i = 0; i < 3; i++) {
            socket.send(new byte[] {(byte) i});
        }
        await().until(() -> started.get() == 2);
        // The third waits in the kernel until a handler returns.
        assertThrows(org.awaitility.core.ConditionTimeoutException.class,
                () -> await().atMost(Duration.ofMillis(300)).until(() -> started.get() == 3));
        release.countDown();
        await().until(() -> finished.get() == 3);
    }

    @Test
    void aHandlerExceptionGoesToTheErrorHandlerAndServingGoesOn() throws Exception {
        UdpServer server = listen();
        serve(server, (datagram, udp) -> {
            if (datagram.payload()[0] == 0) {
                throw new IllegalStateException("bad request");
            }
            echo(datagram, udp);
        });
        UdpSocket socket = connect(server.address());
        socket.send(new byte[] {0});
        await().until(() -> errors.size() == 1);
        assertEquals("bad request", errors.getFirst().getMessage());
        socket.send(new byte[] {1});
        assertArrayEquals(new byte[] {1}, socket.receive());
    }

    @Test
    void serveReportsAnOversizedDatagramAndGoesOn() throws Exception {
        UdpServer server = listen(UdpOptions.builder().maxDatagramSize(10));
        serve(server, UdpScenarios::echo);
        UdpSocket socket = connect(server.address());
        socket.send(new byte[11]);
        await().until(() -> errors.size() == 1);
        assertInstanceOf(DatagramTooLargeException.class, errors.getFirst());
        socket.send(new byte[10]);
        assertEquals(10, socket.receive().length);
    }

    @Test
    void interruptingServeClosesTheServerAndWaitsForHandlers() throws Exception {
        UdpServer server = listen();
        AtomicReference<Boolean> interrupted = new AtomicReference<>();
        Thread serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve(UdpScenarios::echo);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        await().until(() -> serving.getState() == Thread.State.WAITING);
        serving.interrupt();
        serving.join(Duration.ofSeconds(5));
        assertEquals(Boolean.TRUE, interrupted.get());
        assertFalse(server.isOpen());
    }

    @Test
    void anErrorFromTheErrorHandlerEndsServeWithThatErrorAndClosesTheServer() throws Exception {
        for (boolean fromAHandler : new boolean[] {false, true}) {
            AssertionError broken = new AssertionError("the error handler broke");
            UdpServer server = UdpServer.listen(listenUri(), UdpOptions.builder().maxDatagramSize(10)
                    .errorHandler(error -> {
                        throw broken;
                    }).build());
            toClose.add(server);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve((datagram, udp) -> {
                        throw new IllegalStateException("bad request");
                    });
                    thrown.set(new AssertionError("serve returned normally"));
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            UdpSocket socket = connect(server.address());
            socket.send(new byte[fromAHandler ? 1 : 11]);   // a handler's failure, or a datagram too large
            serving.join(Duration.ofSeconds(20));
            assertFalse(serving.isAlive(), "serve still running");
            assertEquals(broken, thrown.get(), fromAHandler ? "from a handler" : "from the receiving thread");
            assertFalse(server.isOpen());
        }
    }

    @Test
    void serveTwiceAtOnceIsRefused() throws Exception {
        UdpServer server = listen();
        Thread serving = serve(server, UdpScenarios::echo);
        await().until(() -> serving.getState() == Thread.State.WAITING);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> server.serve(UdpScenarios::echo));
        assertEquals("UdpServer " + server.address() + " is already serving", e.getMessage());
    }
}
