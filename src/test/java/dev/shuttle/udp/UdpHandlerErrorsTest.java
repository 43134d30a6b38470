package dev.shuttle.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.udp.DatagramHandler;
import dev.shuttle.udp.UdpOptions;
import dev.shuttle.udp.UdpServer;
import dev.shuttle.testing.NetworkTest;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A UDP server treats what its handlers throw as a TCP server does: an {@code Error} from a
 * handler or from the error handler closes the server and {@code serve} throws it; a
 * {@code RuntimeException} is reported and serving goes on.
 */
@NetworkTest
@Timeout(60)
class UdpHandlerErrorsTest {

    /** Serves on a virtual thread; {@return what serve threw, or null if it returned} within the bound. */
    private static Throwable serveUntilItEnds(UdpServer server, DatagramHandler handler, Runnable whileServing) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve(handler);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        try {
            whileServing.run();
            assertTrue(serving.join(Duration.ofSeconds(20)), "serve() did not return");
        } finally {
            server.close();
        }
        assertTrue(serving.join(Duration.ofSeconds(20)), "serve() did not return after close");
        return thrown.get();
    }

    private static void send(UdpServer server, int count) {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 0; i < count; i++) {
                client.send(new DatagramPacket(new byte[] {(byte) i}, 1, new InetSocketAddress("127.0.0.1", server.address().port())));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static UdpServer listen(Consumer<Throwable> errorHandler) throws java.io.IOException {
        return UdpServer.listen("udp://127.0.0.1:0", UdpOptions.builder().errorHandler(errorHandler).build());
    }

    @Test
    void anErrorFromAHandlerClosesTheServerAndServeThrowsIt() throws Exception {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        UdpServer server = listen(reported::add);
        AssertionError bug = new AssertionError("handler bug");
        Throwable thrown = serveUntilItEnds(server, (datagram, udp) -> {
            throw bug;
        }, () -> send(server, 1));
        assertSame(bug, thrown);
        assertFalse(server.isOpen(), "the server is closed");
        assertEquals(List.of(), reported, "an Error is thrown by serve, not reported");
    }

    @Test
    void anErrorFromTheErrorHandlerClosesTheServerAndServeThrowsIt() throws Exception {
        StackOverflowError handlerFailure = new StackOverflowError("error handler bug");
        UdpServer server = listen(error -> {
            throw handlerFailure;
        });
        Throwable thrown = serveUntilItEnds(server, (datagram, udp) -> {
            throw new IllegalStateException("reported");
        }, () -> send(server, 1));
        assertSame(handlerFailure, thrown);
        assertFalse(server.isOpen());
    }

    @Test
    void aRuntimeExceptionFromAHandlerIsReportedAndServingGoesOn() throws Exception {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        UdpServer server = listen(reported::add);
        CountDownLatch handled = new CountDownLatch(3);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve((datagram, udp) -> {
                    handled.countDown();
                    throw new IllegalStateException("datagram " + datagram.payload()[0]);
                });
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        try {
            send(server, 3);
            assertTrue(handled.await(20, TimeUnit.SECONDS), "every datagram was handled");
            assertTrue(server.isOpen());
        } finally {
            server.close();
        }
        assertTrue(serving.join(Duration.ofSeconds(20)));
        assertEquals(null, thrown.get(), "serve returned normally after close");
        assertEquals(3, reported.size(), () -> "reported: " + reported);
        reported.forEach(e -> assertInstanceOf(IllegalStateException.class, e));
    }
}
