package dev.shuttle.internal.server;

import dev.shuttle.testing.Bounded;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ConnectionLimit;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Graceful shutdown: stop accepting, let handlers finish up to a grace period, close the rest. */
@NetworkTest
class GracefulShutdownTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static Socket connect(Server server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.address().port()));
        socket.setSoTimeout((int) PATIENCE.toMillis());
        return socket;
    }

    private static Thread serve(Server server, dev.shuttle.ConnectionHandler handler) {
        return Thread.ofVirtual().start(() -> {
            try {
                server.serve(handler);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void aGraceOfForEverClosesAnIdleServerAtOnce() throws Exception {
        Server server = Server.listen("tcp://127.0.0.1:0");
        Thread serving = serve(server, connection -> { });
        server.shutdown(Duration.ofSeconds(Long.MAX_VALUE)); // threw ArithmeticException, leaving it open
        assertFalse(server.isOpen());
        serving.join(PATIENCE);
        assertFalse(serving.isAlive());
    }

    @Test
    void aNegativeOrMissingGraceIsRefusedBeforeAnythingCloses() throws Exception {
        try (Server server = Server.listen("tcp://127.0.0.1:0")) {
            IllegalArgumentException negative =
                    assertThrows(IllegalArgumentException.class, () -> server.shutdown(Duration.ofSeconds(-5)));
            assertTrue(negative.getMessage().contains("PT-5S"), negative.getMessage());
            NullPointerException missing = assertThrows(NullPointerException.class, () -> server.shutdown(null));
            assertTrue(missing.getMessage().contains("grace"), missing.getMessage());
            assertTrue(server.isOpen());
        }
    }

    @Test
    void aSlowHandlerFinishesItsWorkBeforeShutdownReturns() throws Exception {
        shutsDownAfterTheSlowHandler(Server.listen("tcp://127.0.0.1:0"));
    }

    @Test
    void aServerWithAConnectionLimitShutsDownGracefullyToo() throws Exception {
        shutsDownAfterTheSlowHandler(Server.listen("tcp://127.0.0.1:0",
                ServerOptions.builder().connectionLimit(ConnectionLimit.pausing(4)).build()));
    }

    private void shutsDownAfterTheSlowHandler(Server server) throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean handlerDone = new AtomicBoolean();
        Thread serving = serve(server, connection -> {
            handling.countDown();
            Bounded.await(release);
            connection.output().write("bye".getBytes(StandardCharsets.US_ASCII));
            handlerDone.set(true);
        });
        AtomicReference<Object> shutdownSaw = new AtomicReference<>();
        try (Socket client = connect(server)) {
            Bounded.await(handling);
            Thread shuttingDown = Thread.ofVirtual().start(() -> {
                try {
                    server.shutdown(Duration.ofMinutes(1));
                    shutdownSaw.set(handlerDone.get());
                } catch (InterruptedException e) {
                    shutdownSaw.set(e);
                }
            });
            await().atMost(PATIENCE).until(() -> !server.isOpen());
            int port = server.address().port();
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "no longer accepting");
            assertTrue(shuttingDown.isAlive(), "shutdown waits for the running handler");
            release.countDown();
            assertEquals("bye", new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            Bounded.join(shuttingDown);
            Bounded.join(serving);
            assertEquals(true, shutdownSaw.get(), "shutdown returned after the handler finished");
        } finally {
            release.countDown();
            server.close();
            Bounded.join(serving);
        }
    }

    @Test
    void whatIsLeftAfterTheGracePeriodIsClosed() throws Exception {
        Server server = Server.listen("tcp://127.0.0.1:0");
        CountDownLatch handling = new CountDownLatch(1);
        AtomicReference<Object> handlerSaw = new AtomicReference<>();
        Thread serving = serve(server, connection -> {
            handling.countDown();
            try {
                handlerSaw.set(connection.input().read()); // the client never writes
            } catch (IOException e) {
                handlerSaw.set(e);
            }
        });
        try (Socket client = connect(server)) {
            Bounded.await(handling);
            long start = System.nanoTime();
            server.shutdown(Duration.ofMillis(200));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(200)) >= 0, "waited the grace period: " + took);
            assertTrue(took.compareTo(PATIENCE) < 0, "took " + took);
            assertEquals(-1, client.getInputStream().read(), "the connection was closed");
            Bounded.join(serving);
            assertFalse(server.isOpen());
            assertTrue(handlerSaw.get() != null, "the handler ended");
        } finally {
            server.close();
            Bounded.join(serving);
        }
    }

    @Test
    void withNoHandlerRunningShutdownReturnsAtOnce() throws Exception {
        Server server = Server.listen("tcp://127.0.0.1:0");
        Thread serving = serve(server, connection -> {});
        long start = System.nanoTime();
        server.shutdown(Duration.ofMinutes(1));
        Bounded.join(serving);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(PATIENCE) < 0);
        assertFalse(server.isOpen());
    }
}
