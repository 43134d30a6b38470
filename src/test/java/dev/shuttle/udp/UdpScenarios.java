package dev.shuttle.udp;

import dev.shuttle.testing.Bounded;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.udp.Datagram;
import dev.shuttle.udp.DatagramHandler;
import dev.shuttle.udp.DatagramTooLargeException;
import dev.shuttle.Endpoint;
import dev.shuttle.udp.UdpOptions;
import dev.shuttle.udp.UdpServer;
import dev.shuttle.udp.UdpSocket;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * UDP over loopback, written once and run over IPv4 and IPv6: exact sizes, boundaries, limits,
 * timeouts, an unreachable port, interrupts and serving.
 *
 * <p>UDP may drop a datagram even over loopback (a full receive buffer on a loaded machine). Every
 * socket here gets a 1 MiB receive buffer, and a test that is not about delivery sends its
 * single-shot datagrams with {@link #resendUntilReceived} or {@link #resendUntil}, so that a drop
 * costs a second, not a failure.
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

    static final int RECEIVE_BUFFER = 1024 * 1024;
    private static final Duration RESEND_AFTER = Duration.ofSeconds(1);
    private static final int SENDS = 20;

    /** Sends a datagram (again). */
    @FunctionalInterface
    interface Send {
        void send() throws IOException;
    }

    /** Receives one datagram. */
    @FunctionalInterface
    interface Receive<T> {
        T receive() throws IOException;
    }

    /**
     * Sends, then receives what the send brings about, sending again each second that nothing
     * arrives, at most {@value #SENDS} times.
     *
     * @param setTimeout sets the receiver's receive timeout
     * @param timeout the receiver's receive timeout, restored after
     */
    static <T> T resendUntilReceived(Send send, Receive<T> receive, IoSetter setTimeout, Duration timeout) throws IOException {
        setTimeout.set(RESEND_AFTER);
        try {
            SocketTimeoutException last = null;
            for (int i = 0; i < SENDS; i++) {
                send.send();
                try {
                    return receive.receive();
                } catch (SocketTimeoutException e) {
                    last = e;
                }
            }
            throw new AssertionError("nothing arrived after " + SENDS + " sends", last);
        } finally {
            setTimeout.set(timeout);
        }
    }

    /** Sets a receive timeout. */
    @FunctionalInterface
    interface IoSetter {
        void set(Duration timeout) throws IOException;
    }

    static byte[] resendUntilReceived(UdpSocket receiver, Send send) throws IOException {
        return resendUntilReceived(send, receiver::receive, receiver::setReceiveTimeout, receiver.receiveTimeout());
    }

    static Datagram resendUntilReceived(UdpServer receiver, Send send) throws IOException {
        return resendUntilReceived(send, receiver::receive, receiver::setReceiveTimeout, receiver.receiveTimeout());
    }

    /** Sends again each second until {@code arrived}, at most {@value #SENDS} times. */
    static void resendUntil(Send send, java.util.concurrent.Callable<Boolean> arrived) throws IOException {
        for (int i = 0; i < SENDS; i++) {
            send.send();
            try {
                await().atMost(RESEND_AFTER).until(arrived);
                return;
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // Lost, perhaps: send again.
            }
        }
        throw new AssertionError("nothing came of " + SENDS + " sends");
    }

    UdpServer listen(UdpOptions.Builder options) throws IOException {
        UdpServer server = UdpServer.listen(listenUri(),
                options.receiveBufferSize(RECEIVE_BUFFER).errorHandler(errors::add).build());
        toClose.add(server);
        return server;
    }

    UdpServer listen() throws IOException {
        return listen(UdpOptions.builder());
    }

    UdpSocket connect(Endpoint to, UdpOptions.Builder options) throws IOException {
        UdpSocket socket = UdpSocket.connect(to.toString(),
                options.receiveTimeout(Duration.ofSeconds(20)).receiveBufferSize(RECEIVE_BUFFER).build());
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
            Bounded.join(serving);
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
            assertArrayEquals(payload, resendUntilReceived(socket, () -> socket.send(payload)), size + " bytes");
        }
    }

    @Test
    void anEmptyDatagramArrivesEmpty() throws Exception {
        UdpServer server = listen();
        UdpSocket socket = connect(server.address());
        Datagram hello = resendUntilReceived(server, () -> socket.send(new byte[] {1}));
        assertEquals(0, resendUntilReceived(socket, () -> server.send(hello.sender(), new byte[0])).length);
        assertArrayEquals(new byte[] {2}, resendUntilReceived(server, () -> socket.send(new byte[] {2})).payload(),
                "the empty datagram did not merge with the next");

        UdpServer peer = listen();
        Datagram empty = resendUntilReceived(server, () -> peer.send(server.address(), new byte[0]));
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
        Bounded.join(sending);
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
        Datagram datagram = resendUntilReceived(server, () -> socket.send(new byte[] {7}));
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
        Endpoint client = resendUntilReceived(server, () -> socket.send(new byte[] {1})).sender();
        DatagramTooLargeException e = assertThrows(DatagramTooLargeException.class,
                () -> resendUntilReceived(socket, () -> server.send(client, new byte[101])));
        assertEquals("A datagram from " + server.address() + " to " + socket.localAddress()
                + " was larger than the maximum datagram size of 100 bytes; it was dropped", e.getMessage());
        assertEquals(100, e.maxDatagramSize());
        assertEquals(100, resendUntilReceived(socket, () -> server.send(client, new byte[100])).length,
                "the socket stays usable");
    }

    @Test
    void aReceiveTimeoutThrowsAndLeavesTheSocketUsable() throws Exception {
        UdpServer server = listen();
        UdpSocket socket = connect(server.address(), UdpOptions.builder());
        socket.setReceiveTimeout(Duration.ofMillis(100));
        assertEquals(Duration.ofMillis(100), socket.receiveTimeout());
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class, socket::receive);
        assertEquals("Receiving from " + server.address() + " timed out after 100 ms", e.getMessage());
        Endpoint client = resendUntilReceived(server, () -> socket.send(new byte[] {1})).sender();
        assertArrayEquals(new byte[] {2}, resendUntilReceived(socket, () -> server.send(client, new byte[] {2})));
        assertEquals(Duration.ofMillis(100), socket.receiveTimeout(), "restored after resending");
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
        Bounded.join(receiving);
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
            Bounded.await(release);
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
        resendUntil(() -> socket.send(new byte[] {0}), () -> !errors.isEmpty());
        assertEquals("bad request", errors.getFirst().getMessage());
        assertArrayEquals(new byte[] {1}, resendUntilReceived(socket, () -> socket.send(new byte[] {1})));
    }

    @Test
    void serveReportsAnOversizedDatagramAndGoesOn() throws Exception {
        UdpServer server = listen(UdpOptions.builder().maxDatagramSize(10));
        serve(server, UdpScenarios::echo);
        UdpSocket socket = connect(server.address());
        resendUntil(() -> socket.send(new byte[11]), () -> !errors.isEmpty());
        assertInstanceOf(DatagramTooLargeException.class, errors.getFirst());
        assertEquals(10, resendUntilReceived(socket, () -> socket.send(new byte[10])).length);
    }

    @Test
    void interruptingServeClosesTheServerAndEndsItsHandlersBeforeReturning() throws Exception {
        UdpServer server = listen();
        CountDownLatch handling = new CountDownLatch(1);
        AtomicBoolean handlerInterrupted = new AtomicBoolean();
        AtomicBoolean handlerEnded = new AtomicBoolean();
        AtomicReference<Boolean> interrupted = new AtomicReference<>();
        AtomicReference<Boolean> handlerEndedWhenServeReturned = new AtomicReference<>();
        Thread serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve((datagram, udp) -> {
                    handling.countDown();
                    try {
                        Bounded.await(new CountDownLatch(1)); // blocked on something other than the server
                    } catch (InterruptedException e) {
                        handlerInterrupted.set(true);
                        throw e;
                    } finally {
                        handlerEnded.set(true);
                    }
                });
            } catch (InterruptedException e) {
                interrupted.set(true);
            } finally {
                handlerEndedWhenServeReturned.set(handlerEnded.get());
            }
        });
        UdpSocket socket = connect(server.address());
        resendUntil(() -> socket.send(new byte[] {1}), () -> handling.getCount() == 0);
        serving.interrupt();
        serving.join(Duration.ofSeconds(20));
        assertFalse(serving.isAlive());
        assertFalse(server.isOpen());
        assertEquals(Boolean.TRUE, interrupted.get());
        assertTrue(handlerInterrupted.get(), "closing the server interrupted the blocked handler");
        assertEquals(Boolean.TRUE, handlerEndedWhenServeReturned.get(), "serve returned before its handler");
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
            // A handler's failure, or a datagram too large.
            resendUntil(() -> socket.send(new byte[fromAHandler ? 1 : 11]), () -> !serving.isAlive());
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
