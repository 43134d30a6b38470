package dev.shuttle.internal.server.serve;

import dev.shuttle.testing.Bounded;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ConnectionHandler;
import dev.shuttle.ReadableHandler;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.Serving;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Servers always end: {@code close()} and the end of a {@code shutdown} grace interrupt handlers
 * blocked on something other than their connection, so {@code serve} returns; a server is never
 * left open without accepting.
 */
@NetworkTest
@Timeout(60)
class ServersEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static Socket connect(Server server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.address().port()));
        socket.setSoTimeout((int) PATIENCE.toMillis());
        return socket;
    }

    /** Waits for {@code serve} to end (the test closed the server, or made it close) and checks it returned normally. */
    private static void assertServeReturns(Serving serving) {
        await().atMost(PATIENCE).until(() -> !serving.isRunning());
        assertTrue(serving.returnedNormally(), () -> "serve threw " + serving.thrown());
    }

    /** Waits for {@code serve} to end and checks that it threw the Error, and that the server closed and stopped listening. */
    private static void assertServeThrewAndTheServerClosed(Serving serving, Throwable thrown, String what) {
        await().atMost(PATIENCE).until(() -> !serving.isRunning());
        assertSame(thrown, serving.thrown(), "serve threw " + what);
        Server server = serving.server();
        assertFalse(server.isOpen());
        int port = server.address().port();
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "no longer listening");
    }

    /** A handler that blocks on a latch nobody counts down, and records whether it was interrupted. */
    private static final class BlockedHandler implements ConnectionHandler, ReadableHandler {
        final CountDownLatch blocked = new CountDownLatch(1);
        final AtomicBoolean interrupted = new AtomicBoolean();

        @Override
        public void handle(dev.shuttle.Connection connection) throws Exception {
            block();
        }

        @Override
        public boolean onReadable(dev.shuttle.Connection connection) throws Exception {
            connection.input().read();
            block();
            return false;
        }

        private void block() throws InterruptedException {
            blocked.countDown();
            try {
                Bounded.await(new CountDownLatch(1));
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        }
    }

    @Test
    void closeInterruptsAHandlerBlockedOnALatchAndServeReturns() throws Exception {
        Server server = Server.listen("tcp://127.0.0.1:0");
        BlockedHandler handler = new BlockedHandler();
        Serving serving = Serving.serve(server, handler);
        try (Socket client = connect(server)) {
            Bounded.await(handler.blocked);
            server.close();
            assertServeReturns(serving);
            assertTrue(handler.interrupted.get(), "the handler was interrupted");
            assertEquals(-1, client.getInputStream().read(), "its connection was closed");
        } finally {
            serving.close();
        }
    }

    @Test
    void closeInterruptsAReadableCallBlockedOnALatchAndServeReturns() throws Exception {
        Server server = Server.listen("tcp://127.0.0.1:0");
        BlockedHandler handler = new BlockedHandler();
        Serving serving = Serving.serveWhenReadable(server, handler);
        try (Socket client = connect(server)) {
            client.getOutputStream().write(1);
            Bounded.await(handler.blocked);
            server.close();
            assertServeReturns(serving);
            assertTrue(handler.interrupted.get(), "the call was interrupted");
        } finally {
            serving.close();
        }
    }

    @Test
    void shutdownInterruptsABlockedHandlerWhenTheGraceEnds() throws Exception {
        Server server = Server.listen("tcp://127.0.0.1:0");
        BlockedHandler handler = new BlockedHandler();
        Serving serving = Serving.serve(server, handler);
        try (Socket client = connect(server)) {
            Bounded.await(handler.blocked);
            long start = System.nanoTime();
            server.shutdown(Duration.ofMillis(300));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(300)) >= 0, "waited the grace: " + took);
            assertTrue(took.compareTo(PATIENCE) < 0, "took " + took);
            assertServeReturns(serving);
            assertTrue(handler.interrupted.get(), "the handler was interrupted");
        } finally {
            serving.close();
        }
    }

    @Test
    void shutdownFromInsideAHandlerReturnsWithoutWaitingForThatHandler() throws Exception {
        Server server = Server.listen("tcp://127.0.0.1:0");
        AtomicBoolean shutdownReturned = new AtomicBoolean();
        Serving serving = Serving.serve(server, connection -> {
            server.shutdown(Duration.ofMinutes(5));
            shutdownReturned.set(true);
        });
        try (Socket client = connect(server)) {
            await().atMost(PATIENCE).untilTrue(shutdownReturned);
            assertFalse(server.isOpen());
            assertServeReturns(serving);
        } finally {
            serving.close();
        }
    }

    @Test
    void anErrorFromTheErrorHandlerClosesTheServerAndServeThrowsIt() throws Exception {
        AssertionError thrown = new AssertionError("the error handler failed");
        Server server = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder().errorHandler(error -> {
            throw thrown;
        }).build());
        Serving serving = Serving.serve(server, connection -> {
            throw new IllegalStateException("the handler failed");
        });
        try (Socket client = connect(server)) {
            assertServeThrewAndTheServerClosed(serving, thrown, "the error handler's Error");
        } finally {
            serving.close();
        }
    }

    @Test
    void anErrorFromTheErrorHandlerOnTheAcceptLoopClosesTheServerAndServeThrowsIt() throws Exception {
        AssertionError thrown = new AssertionError("the error handler failed");
        ServerOptions options = ServerOptions.builder().errorHandler(error -> {
            throw thrown;
        }).build();
        dev.shuttle.internal.server.listen.Listener real = dev.shuttle.internal.server.listen.TcpListener.bind(
                dev.shuttle.Endpoint.parseListening("tcp://127.0.0.1:0"), new InetSocketAddress("127.0.0.1", 0), options);
        Server server = new AcceptLoopServer(new FailingAccepts(real), options);
        Serving serving = Serving.serve(server, connection -> { });
        try {
            assertServeThrewAndTheServerClosed(serving, thrown, "the error handler's Error");
        } finally {
            serving.close();
        }
    }

    @Test
    void anErrorFromAHandlerClosesTheServerAndServeThrowsIt() throws Exception {
        Server server = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder().errorHandler(error -> { }).build());
        AssertionError thrown = new AssertionError("the handler failed");
        BlockedHandler other = new BlockedHandler();
        CountDownLatch secondClient = new CountDownLatch(1);
        Serving serving = Serving.serve(server, connection -> {
            if (other.blocked.getCount() > 0) {
                other.handle(connection);
            }
            Bounded.await(secondClient);
            throw thrown;
        });
        try (Socket blocked = connect(server)) {
            Bounded.await(other.blocked);
            try (Socket failing = connect(server)) {
                secondClient.countDown();
                assertServeThrewAndTheServerClosed(serving, thrown, "the handler's Error");
            }
            assertTrue(other.interrupted.get(), "the other handler was interrupted");
        } finally {
            serving.close();
        }
    }

    @Test
    void anErrorFromTheErrorHandlerOnAnIdleCloseClosesTheServerAndServeThrowsIt() throws Exception {
        AssertionError thrown = new AssertionError("the error handler failed");
        Server server = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder().idleTimeout(Duration.ofMillis(200))
                .errorHandler(error -> {
                    throw thrown;
                }).build());
        // Reported by the idle timeout's sweep, not by a handler: the connection waits between calls.
        Serving serving = Serving.serveWhenReadable(server, connection -> connection.input().read() >= 0);
        try (Socket silent = connect(server)) {
            assertEquals(-1, silent.getInputStream().read(), "closed for idleness");
            assertServeThrewAndTheServerClosed(serving, thrown, "the error handler's Error");
        } finally {
            serving.close();
        }
    }

    /** A listener whose accepts always fail, as they do while the process is out of descriptors. */
    private record FailingAccepts(dev.shuttle.internal.server.listen.Listener real)
            implements dev.shuttle.internal.server.listen.Listener {
        @Override
        public dev.shuttle.Connection accept() throws IOException {
            throw new java.net.SocketException("Too many open files");
        }

        @Override
        public dev.shuttle.Endpoint address() {
            return real.address();
        }

        @Override
        public boolean isOpen() {
            return real.isOpen();
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
