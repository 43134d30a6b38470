package dev.shuttle.internal.batch;

import static dev.shuttle.testing.PeerServer.ask;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.batch.Batch;
import dev.shuttle.batch.BatchOptions;
import dev.shuttle.Connection;
import dev.shuttle.ConnectionHandler;
import dev.shuttle.Connector;
import dev.shuttle.internal.io.ForwardingConnection;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.PeerServer;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A batch always ends, whatever user code does: a connection whose {@code close()} throws is
 * recorded on its request and the queue goes on; an {@link Error} from an exchange or the
 * connector cancels the batch and reaches the caller of {@code join()}.
 */
@NetworkTest
@Timeout(120)
class BatchFaultsTest {
    private static final String LOOPBACK = "tcp://127.0.0.1:0";
    private static final Duration PROMPTLY = Duration.ofSeconds(15);
    private static final Batch.Exchange<String> ASK = connection -> ask(connection, "hello");

    /** A server that reads and never answers; it ends when the client closes. */
    private static final ConnectionHandler NEVER_ANSWERS = connection -> {
        byte[] buffer = new byte[256];
        while (connection.input().read(buffer) >= 0) {
            // Swallow.
        }
    };

    /** What a user's bug throws: an Error of its own, so that no assertion failure passes for it. */
    static final class UserBug extends Error {
        UserBug(String message) {
            super(message);
        }
    }

    /** A connection whose close closes the socket and then throws, as a faulty wrapper might. */
    static final class ThrowingClose extends ForwardingConnection {
        ThrowingClose(Connection connection) {
            super(connection);
        }

        @Override
        public void close() {
            connection.close();
            throw new IllegalStateException("close bug");
        }
    }

    /** TCP, each connection wrapped so that its close throws. */
    private static final Connector CLOSE_THROWS = uri -> new ThrowingClose(Connector.tcp().connect(uri));

    private static BatchOptions.Builder options() {
        return BatchOptions.builder().readTimeout(Duration.ofSeconds(60));
    }

    /** Whether the failure, or one it wraps (get() wraps a CancellationException in another), has the close failure suppressed. */
    private static boolean mentionsCloseBug(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (Arrays.stream(t.getSuppressed()).anyMatch(e -> "close bug".equals(e.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aRequestPastItsDeadlineWhoseCloseThrowsRecordsItAndTheQueueGoesOn() throws Exception {
        try (PeerServer silent = PeerServer.start(LOOPBACK, NEVER_ANSWERS);
                PeerServer echo = PeerServer.start(LOOPBACK, PeerServer.numberedEcho());
                Batch<String> batch = Batch.open(CLOSE_THROWS,
                        options().concurrency(1).requestTimeout(Duration.ofMillis(300)).build())) {
            Batch.Request<String> stuck = batch.submit(silent.uri(), ASK);
            Batch.Request<String> next = batch.submit(echo.uri(), ASK);
            assertTimeoutPreemptively(PROMPTLY, () -> batch.join());
            SocketTimeoutException timeout = assertInstanceOf(SocketTimeoutException.class, stuck.exceptionNow());
            assertTrue(mentionsCloseBug(timeout), () -> "close failure not recorded: " + Arrays.toString(timeout.getSuppressed()));
            // The next request ran; its own close threw after its exchange, which fails it.
            IOException closeFailed = assertInstanceOf(IOException.class, next.exceptionNow());
            assertTrue(closeFailed.getMessage().contains(echo.uri()), closeFailed.getMessage());
            assertEquals("close bug", closeFailed.getCause().getMessage());
            await().until(() -> silent.open() == 0 && echo.open() == 0);
        }
    }

    @Test
    void cancellingARequestWhoseCloseThrowsNeitherThrowsNorStallsTheBatch() throws Exception {
        try (PeerServer silent = PeerServer.start(LOOPBACK, NEVER_ANSWERS);
                Batch<String> batch = Batch.open(CLOSE_THROWS, options().build())) {
            Batch.Request<String> stuck = batch.submit(silent.uri(), ASK);
            await().until(() -> silent.open() == 1);
            assertTrue(assertDoesNotThrow(() -> stuck.cancel()));
            assertTimeoutPreemptively(PROMPTLY, () -> batch.join());
            CancellationException cancelled = assertThrows(CancellationException.class, stuck::get);
            assertTrue(mentionsCloseBug(cancelled), () -> "close failure not recorded: " + Arrays.toString(cancelled.getSuppressed()));
            assertTrue(stuck.isCancelled());
            await().until(() -> silent.open() == 0);
        }
    }

    @Test
    void cancellingTheBatchCancelsEveryRequestEvenWhenTheirClosesThrow() throws Exception {
        try (PeerServer silent = PeerServer.start(LOOPBACK, NEVER_ANSWERS);
                Batch<String> batch = Batch.open(CLOSE_THROWS, options().concurrency(3).build())) {
            for (int i = 0; i < 5; i++) {
                batch.submit(silent.uri(), ASK);
            }
            await().until(() -> silent.open() == 3);
            assertDoesNotThrow(batch::cancel);
            List<Batch.Request<String>> done = assertTimeoutPreemptively(PROMPTLY, () -> batch.join());
            assertTrue(done.stream().allMatch(Future::isCancelled), done::toString);
            await().until(() -> silent.open() == 0);
        }
    }

    @Test
    void withFailFastACloseThatThrowsAfterTheExchangeCancelsTheOthers() throws Exception {
        try (PeerServer echo = PeerServer.start(LOOPBACK, PeerServer.numberedEcho());
                PeerServer silent = PeerServer.start(LOOPBACK, NEVER_ANSWERS);
                Batch<String> batch = Batch.open(CLOSE_THROWS, options().concurrency(1).failFast(true).build())) {
            Batch.Request<String> first = batch.submit(echo.uri(), ASK);
            Batch.Request<String> second = batch.submit(silent.uri(), ASK);
            assertTimeoutPreemptively(PROMPTLY, () -> batch.join());
            assertEquals(Future.State.FAILED, first.state());
            assertTrue(second.isCancelled(), second::toString);
            await().until(() -> echo.open() == 0 && silent.open() == 0);
        }
    }

    @Test
    void anExchangeThatFailsKeepsItsFailureWithTheCloseFailureAttached() throws Exception {
        IOException broken = new IOException("protocol error");
        try (PeerServer echo = PeerServer.start(LOOPBACK, PeerServer.numberedEcho());
                Batch<String> batch = Batch.open(CLOSE_THROWS, options().build())) {
            Batch.Request<String> failing = batch.submit(echo.uri(), connection -> {
                throw broken;
            });
            assertTimeoutPreemptively(PROMPTLY, () -> batch.join());
            assertSame(broken, failing.exceptionNow());
            assertTrue(mentionsCloseBug(broken), () -> Arrays.toString(broken.getSuppressed()));
            await().until(() -> echo.open() == 0);
        }
    }

    @Test
    void anErrorFromAnExchangeCancelsTheBatchAndJoinThrowsIt() throws Exception {
        UserBug bug = new UserBug("bug in an exchange");
        try (PeerServer silent = PeerServer.start(LOOPBACK, NEVER_ANSWERS);
                PeerServer echo = PeerServer.start(LOOPBACK, PeerServer.numberedEcho())) {
            Batch<String> batch = Batch.open(Connector.tcp(), options().concurrency(2).build());
            try (batch) {
                Batch.Request<String> hanging = batch.submit(silent.uri(), ASK);
                await().until(() -> silent.open() == 1);
                Batch.Request<String> buggy = batch.submit(echo.uri(), connection -> {
                    throw bug;
                });
                Batch.Request<String> queued = batch.submit(echo.uri(), ASK);
                UserBug thrown = assertTimeoutPreemptively(PROMPTLY, () -> assertThrows(UserBug.class, batch::join));
                assertSame(bug, thrown);
                assertSame(bug, buggy.exceptionNow());
                assertTrue(hanging.isCancelled(), hanging::toString);
                assertTrue(queued.isDone(), queued::toString);
            }
            await().until(() -> silent.open() == 0 && echo.open() == 0);
        }
    }

    @Test
    void anErrorFromTheConnectorCancelsTheBatchAndJoinWithATimeoutThrowsIt() throws Exception {
        UserBug bug = new UserBug("bug in a connector");
        try (PeerServer silent = PeerServer.start(LOOPBACK, NEVER_ANSWERS)) {
            Connector buggy = uri -> {
                if (uri.port() == 1) {
                    throw bug;
                }
                return Connector.tcp().connect(uri);
            };
            try (Batch<String> batch = Batch.open(buggy, options().concurrency(2).build())) {
                Batch.Request<String> hanging = batch.submit(silent.uri(), ASK);
                await().until(() -> silent.open() == 1);
                batch.submit("tcp://127.0.0.1:1", ASK);
                UserBug thrown = assertTimeoutPreemptively(PROMPTLY,
                        () -> assertThrows(UserBug.class, () -> batch.join(Duration.ofSeconds(120))));
                assertSame(bug, thrown);
                assertTrue(hanging.isCancelled(), hanging::toString);
            }
            await().until(() -> silent.open() == 0);
        }
    }

    @Test
    void closeThrowsAnErrorNoJoinThrew() throws Exception {
        UserBug bug = new UserBug("bug in an exchange");
        try (PeerServer echo = PeerServer.start(LOOPBACK, PeerServer.numberedEcho())) {
            Batch<String> batch = Batch.open(Connector.tcp(), options().build());
            Batch.Request<String> buggy = batch.submit(echo.uri(), connection -> {
                throw bug;
            });
            await().until(buggy::isDone);
            UserBug thrown = assertThrows(UserBug.class, batch::close); // on the owner's thread; the class timeout bounds it
            assertSame(bug, thrown);
            assertDoesNotThrow(batch::close); // once
            await().until(() -> echo.open() == 0);
        }
    }
}
