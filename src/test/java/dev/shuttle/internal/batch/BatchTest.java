package dev.shuttle.internal.batch;

import dev.shuttle.testing.Bounded;
import static dev.shuttle.testing.PeerServer.ask;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.batch.Batch;
import dev.shuttle.batch.BatchOptions;
import dev.shuttle.ConnectionHandler;
import dev.shuttle.pool.ConnectionPool;
import dev.shuttle.Connector;
import dev.shuttle.pool.PoolOptions;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.PeerServer;
import dev.shuttle.testing.SilentPort;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

@NetworkTest
class BatchTest {
    private static final String LOOPBACK = "tcp://127.0.0.1:0";
    private static final Batch.Exchange<String> ASK = connection -> ask(connection, "hello");

    /** A server that reads and never answers; it ends when the client closes. */
    private static final ConnectionHandler NEVER_ANSWERS = connection -> {
        byte[] buffer = new byte[256];
        while (connection.input().read(buffer) >= 0) {
            // Swallow.
        }
    };

    /** A server that answers each connection's first line once the latch opens, then echoes. */
    private static ConnectionHandler answersAfter(CountDownLatch latch) {
        ConnectionHandler echo = PeerServer.numberedEcho();
        return connection -> {
            Bounded.await(latch);
            echo.handle(connection);
        };
    }

    private static BatchOptions.Builder options() {
        return BatchOptions.builder().readTimeout(Duration.ofSeconds(10));
    }

    private static String refusingUri() throws Exception {
        try (PeerServer closed = PeerServer.start(LOOPBACK, NEVER_ANSWERS)) {
            return closed.uri();
        }
    }

    @Test
    void runsEveryRequestAndReturnsThemInSubmissionOrder() throws Exception {
        try (PeerServer first = PeerServer.start(LOOPBACK, PeerServer.numberedEcho());
                PeerServer second = PeerServer.start(LOOPBACK, PeerServer.numberedEcho());
                Batch<String> batch = Batch.open(Connector.tcp(), options().build())) {
            Batch.Request<String> a = batch.submit(first.uri(), ASK);
            Batch.Request<String> b = batch.submit(second.uri(), connection -> ask(connection, "other"));
            List<Batch.Request<String>> done = batch.join(Bounded.BOUND);
            assertEquals(List.of(a, b), done);
            assertEquals("1:hello", a.resultNow());
            assertEquals("1:other", b.get());
            assertEquals(Future.State.SUCCESS, a.state());
        }
    }

    @Test
    void neverRunsMoreRequestsAtOnceThanTheConcurrency() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // Counted on the client: the server's count drops only when its handler sees the close,
        // which may come after the next request's connect.
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        Batch.Exchange<String> counted = connection -> {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                return ask(connection, "hello");
            } finally {
                running.decrementAndGet();
            }
        };
        try (PeerServer server = PeerServer.start(LOOPBACK, answersAfter(release));
                Batch<String> batch = Batch.open(Connector.tcp(), options().concurrency(3).build())) {
            for (int i = 0; i < 10; i++) {
                batch.submit(server.uri(), counted);
            }
            await().until(() -> running.get() == 3);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> running.get() <= 3);
            release.countDown();
            List<Batch.Request<String>> done = batch.join(Bounded.BOUND);
            assertTrue(done.stream().allMatch(request -> request.state() == Future.State.SUCCESS), done::toString);
            assertEquals(3, mostRunning.get());
            assertEquals(10, server.accepted());
        }
    }

    @Test
    void aRequestPastItsDeadlineFailsWithATimeoutAndTheOthersGoOn() throws Exception {
        try (PeerServer silent = PeerServer.start(LOOPBACK, NEVER_ANSWERS);
                PeerServer echo = PeerServer.start(LOOPBACK, PeerServer.numberedEcho());
                Batch<String> batch = Batch.open(Connector.tcp(),
                        options().readTimeout(Duration.ZERO).requestTimeout(Duration.ofSeconds(2)).build())) {
            Batch.Request<String> stuck = batch.submit(silent.uri(), ASK);
            Batch.Request<String> fine = batch.submit(echo.uri(), ASK);
            // The fine request has the whole deadline to finish, on a loaded machine too.
            batch.join(Bounded.BOUND);
            SocketTimeoutException timeout = assertInstanceOf(SocketTimeoutException.class, stuck.exceptionNow());
            assertEquals("Request to " + silent.uri() + " timed out after 2.0 seconds", timeout.getMessage());
            assertEquals("1:hello", fine.resultNow());
            await().until(() -> silent.open() == 0);
        }
    }

    @Test
    void aLoneRequestPastItsDeadlineTimesOut() throws Exception {
        try (PeerServer silent = PeerServer.start(LOOPBACK, NEVER_ANSWERS);
                Batch<String> batch = Batch.open(Connector.tcp(),
                        options().readTimeout(Duration.ZERO).requestTimeout(Duration.ofMillis(200)).build())) {
            Batch.Request<String> stuck = batch.submit(silent.uri(), ASK);
            batch.join(Duration.ofSeconds(10));
            assertInstanceOf(SocketTimeoutException.class, stuck.exceptionNow());
        }
    }

    @Test
    void aReadTimeoutFailsTheRequestNamingTheEndpointAndTheTimeout() throws Exception {
        try (PeerServer silent = PeerServer.start(LOOPBACK, NEVER_ANSWERS);
                Batch<String> batch = Batch.open(Connector.tcp(), options().readTimeout(Duration.ofMillis(100)).build())) {
            Batch.Request<String> stuck = batch.submit(silent.uri(), ASK);
            batch.join(Bounded.BOUND);
            SocketTimeoutException timeout = assertInstanceOf(SocketTimeoutException.class, stuck.exceptionNow());
            assertEquals("No data from " + silent.uri() + " within the read timeout of 0.1 seconds", timeout.getMessage());
        }
    }

    @Test
    void aTimeoutOfTheExchangeItselfKeepsItsMessageWithTheEndpointAdded() throws Exception {
        try (PeerServer echo = PeerServer.start(LOOPBACK, PeerServer.numberedEcho());
                Batch<String> batch = Batch.open(Connector.tcp(), options().readTimeout(Duration.ZERO).build())) {
            Batch.Request<String> request = batch.submit(echo.uri(), connection -> {
                throw new SocketTimeoutException("Login took too long");
            });
            batch.join(Bounded.BOUND);
            SocketTimeoutException timeout = assertInstanceOf(SocketTimeoutException.class, request.exceptionNow());
            assertEquals("Request to " + echo.uri() + " timed out: Login took too long", timeout.getMessage());
            assertEquals("Login took too long", timeout.getCause().getMessage());
        }
    }

    @Test
    void aConnectPastTheConnectTimeoutFailsAlone() throws Exception {
        try (SilentPort silent = SilentPort.on(InetAddress.getLoopbackAddress());
                PeerServer echo = PeerServer.start(LOOPBACK, PeerServer.numberedEcho());
                Batch<String> batch = Batch.open(Connector.tcp().withTimeout(Duration.ofMillis(200)), options().build())) {
            String silentUri = "tcp://127.0.0.1:" + silent.address().getPort();
            Batch.Request<String> hanging = batch.submit(silentUri, ASK);
            Batch.Request<String> fine = batch.submit(echo.uri(), ASK);
            batch.join(Bounded.BOUND);
            assertInstanceOf(SocketTimeoutException.class, hanging.exceptionNow());
            assertEquals("1:hello", fine.resultNow());
        }
    }

    @Test
    void aRefusedRequestFailsWithoutStoppingTheOthers() throws Exception {
        String refusing = refusingUri();
        try (PeerServer echo = PeerServer.start(LOOPBACK, PeerServer.numberedEcho());
                Batch<String> batch = Batch.open(Connector.tcp(), options().build())) {
            Batch.Request<String> refused = batch.submit(refusing, ASK);
            Batch.Request<String> fine = batch.submit(echo.uri(), ASK);
            batch.join(Bounded.BOUND);
            ConnectException failure = assertInstanceOf(ConnectException.class, refused.exceptionNow());
            assertTrue(failure.getMessage().contains(refusing), failure.getMessage());
            assertEquals("1:hello", fine.resultNow());
        }
    }

    @Test
    void failFastCancelsTheOtherRequestsAtTheFirstFailure() throws Exception {
        String refusing = refusingUri();
        try (PeerServer silent = PeerServer.start(LOOPBACK, NEVER_ANSWERS);
                Batch<String> batch = Batch.open(Connector.tcp(), options().concurrency(1).failFast(true).build())) {
            Batch.Request<String> stuck = batch.submit(silent.uri(), ASK);
            await().until(() -> silent.open() == 1);
            Batch.Request<String> refused = batch.submit(refusing, ASK);
            Batch.Request<String> waiting = batch.submit(silent.uri(), ASK);
            stuck.cancel();
            batch.join(Bounded.BOUND);
            assertEquals(Future.State.CANCELLED, stuck.state());
            assertEquals(Future.State.FAILED, refused.state());
            assertEquals(Future.State.CANCELLED, waiting.state());
            assertEquals(Future.State.CANCELLED, batch.submit(silent.uri(), ASK).state());
        }
    }

    @Test
    void failFastCancelsTheOtherRequestsWhenOneTimesOut() throws Exception {
        try (PeerServer silent = PeerServer.start(LOOPBACK, NEVER_ANSWERS);
                Batch<String> batch = Batch.open(Connector.tcp(), options().concurrency(1).readTimeout(Duration.ZERO)
                        .requestTimeout(Duration.ofMillis(200)).failFast(true).build())) {
            Batch.Request<String> stuck = batch.submit(silent.uri(), ASK);
            Batch.Request<String> waiting = batch.submit(silent.uri(), ASK);
            batch.join(Duration.ofSeconds(30));
            assertInstanceOf(SocketTimeoutException.class, stuck.exceptionNow());
            assertEquals(Future.State.CANCELLED, waiting.state());
            assertEquals(Future.State.CANCELLED, batch.submit(silent.uri(), ASK).state());
        }
    }

    @Test
    void anExchangeCanAddRequestsWhileTheBatchRuns() throws Exception {
        try (PeerServer server = PeerServer.start(LOOPBACK, PeerServer.numberedEcho());
                Batch<String> batch = Batch.open(Connector.tcp(), options().concurrency(2).build())) {
            crawl(batch, server.uri(), 1);
            List<Batch.Request<String>> done = batch.join(Bounded.BOUND);
            assertEquals(5, done.size());
            assertTrue(done.stream().allMatch(request -> request.state() == Future.State.SUCCESS), done::toString);
        }
    }

    private static void crawl(Batch<String> batch, String uri, int depth) {
        batch.submit(uri, connection -> {
            String answer = ask(connection, "page " + depth);
            if (depth < 5) {
                crawl(batch, uri, depth + 1);
            }
            return answer;
        });
    }

    @Test
    void anotherThreadCanAddRequestsWhileTheOwnerJoins() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (PeerServer slow = PeerServer.start(LOOPBACK, answersAfter(release));
                PeerServer echo = PeerServer.start(LOOPBACK, PeerServer.numberedEcho());
                Batch<String> batch = Batch.open(Connector.tcp(), options().build())) {
            batch.submit(slow.uri(), ASK);
            AtomicReference<Batch.Request<String>> added = new AtomicReference<>();
            Thread other = Thread.ofVirtual().start(() -> {
                added.set(batch.submit(echo.uri(), ASK));
                release.countDown();
            });
            List<Batch.Request<String>> done = batch.join(Bounded.BOUND);
            Bounded.join(other);
            assertEquals(2, done.size());
            assertEquals("1:hello", added.get().resultNow());
        }
    }

    @Test
    void cancellingOneRequestClosesItsConnectionAndLeavesTheOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (PeerServer silent = PeerServer.start(LOOPBACK, NEVER_ANSWERS);
                PeerServer slow = PeerServer.start(LOOPBACK, answersAfter(release));
                Batch<String> batch = Batch.open(Connector.tcp(), options().build())) {
            Batch.Request<String> stuck = batch.submit(silent.uri(), ASK);
            Batch.Request<String> other = batch.submit(slow.uri(), ASK);
            await().until(() -> silent.open() == 1 && slow.open() == 1);
            assertTrue(stuck.cancel());
            await().until(() -> silent.open() == 0);
            release.countDown();
            batch.join(Bounded.BOUND);
            assertThrows(CancellationException.class, stuck::get);
            assertEquals("1:hello", other.resultNow());
        }
    }

    @Test
    void cancellingTheBatchCancelsRunningWaitingAndLaterRequests() throws Exception {
        try (PeerServer silent = PeerServer.start(LOOPBACK, NEVER_ANSWERS);
                Batch<String> batch = Batch.open(Connector.tcp(), options().concurrency(2).build())) {
            for (int i = 0; i < 5; i++) {
                batch.submit(silent.uri(), ASK);
            }
            await().until(() -> silent.open() == 2);
            batch.cancel();
            List<Batch.Request<String>> done = batch.join(Bounded.BOUND);
            assertTrue(done.stream().allMatch(Future::isCancelled), done::toString);
            assertTrue(batch.submit(silent.uri(), ASK).isCancelled());
            await().until(() -> silent.open() == 0);
            assertEquals(2, silent.accepted());
        }
    }

    @Test
    void closingWithoutJoinCancelsEverythingAndWaitsForEveryThread() throws Exception {
        try (PeerServer silent = PeerServer.start(LOOPBACK, NEVER_ANSWERS)) {
            Batch<String> batch = Batch.open(Connector.tcp(), options().build());
            Batch.Request<String> stuck = batch.submit(silent.uri(), ASK);
            await().until(() -> silent.open() == 1);
            batch.close();
            assertTrue(stuck.isCancelled());
            assertThrows(IllegalStateException.class, () -> batch.submit(silent.uri(), ASK));
            batch.close();
        }
    }

    @Test
    void joinWithADeadlineCancelsWhatIsUnfinished() throws Exception {
        try (PeerServer silent = PeerServer.start(LOOPBACK, NEVER_ANSWERS);
                PeerServer echo = PeerServer.start(LOOPBACK, PeerServer.numberedEcho());
                Batch<String> batch = Batch.open(Connector.tcp(), options().build())) {
            Batch.Request<String> fine = batch.submit(echo.uri(), ASK);
            await().until(fine::isDone);
            Batch.Request<String> stuck = batch.submit(silent.uri(), ASK);
            TimeoutException timeout = assertThrows(TimeoutException.class, () -> batch.join(Duration.ofMillis(300)));
            assertTrue(timeout.getMessage().contains("1 unfinished request was cancelled"), timeout.getMessage());
            assertEquals("1:hello", fine.resultNow());
            assertTrue(stuck.isCancelled());
        }
    }

    @Test
    void interruptingTheOwnerEndsItsJoinAndCloseCancelsTheRequests() throws Exception {
        AtomicReference<Throwable> joinFailure = new AtomicReference<>();
        AtomicReference<Batch.Request<String>> request = new AtomicReference<>();
        try (PeerServer silent = PeerServer.start(LOOPBACK, NEVER_ANSWERS)) {
            Thread owner = Thread.ofVirtual().start(() -> {
                try (Batch<String> batch = Batch.open(Connector.tcp(), options().build())) {
                    request.set(batch.submit(silent.uri(), ASK));
                    batch.join();
                } catch (Throwable e) {
                    joinFailure.set(e);
                }
            });
            await().until(() -> silent.open() == 1);
            owner.interrupt();
            owner.join(Duration.ofSeconds(5));
            assertInstanceOf(InterruptedException.class, joinFailure.get());
            assertTrue(request.get().isCancelled());
            await().until(() -> silent.open() == 0);
        }
    }

    @Test
    void requestsThroughAPoolReuseItsConnections() throws Exception {
        try (PeerServer server = PeerServer.start(LOOPBACK, PeerServer.numberedEcho());
                ConnectionPool pool = ConnectionPool.create(Connector.tcp(),
                        PoolOptions.builder().maxConnectionsPerEndpoint(2).build())) {
            try (Batch<String> batch = Batch.open(pool, options().concurrency(4).build())) {
                for (int i = 0; i < 20; i++) {
                    batch.submit(server.uri(), ASK);
                }
                List<Batch.Request<String>> done = batch.join(Bounded.BOUND);
                assertTrue(done.stream().allMatch(r -> r.state() == Future.State.SUCCESS), done::toString);
            }
            assertTrue(server.accepted() <= 2, "accepted " + server.accepted());
            assertEquals(new ConnectionPool.Stats(server.accepted(), 0, 0), pool.stats(server.uri()));
        }
    }

    @Test
    void durationsTooLongForNanosecondsMeanForever() throws Exception {
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        try (PeerServer echo = PeerServer.start(LOOPBACK, PeerServer.numberedEcho());
                Batch<String> batch = Batch.open(Connector.tcp(), options().requestTimeout(forever).readTimeout(forever).build())) {
            Batch.Request<String> request = batch.submit(echo.uri(), ASK);
            assertEquals(List.of(request), batch.join(forever));
            assertEquals("1:hello", request.resultNow());
        }
    }

    @Test
    void anExchangeJoiningItsOwnBatchFailsInsteadOfWaitingForItself() throws Exception {
        try (PeerServer echo = PeerServer.start(LOOPBACK, PeerServer.numberedEcho());
                Batch<String> batch = Batch.open(Connector.tcp(), options().build())) {
            AtomicReference<Batch<String>> self = new AtomicReference<>(batch);
            Batch.Request<String> joining = batch.submit(echo.uri(), connection -> {
                try {
                    self.get().join();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException("cancelled");
                }
                return "joined";
            });
            Batch.Request<String> joiningWithADeadline = batch.submit(echo.uri(), connection -> {
                try {
                    self.get().join(Duration.ofMinutes(1));
                } catch (InterruptedException | TimeoutException e) {
                    throw new java.io.InterruptedIOException("cancelled or timed out");
                }
                return "joined";
            });
            batch.join(Duration.ofSeconds(30));
            for (Batch.Request<String> request : List.of(joining, joiningWithADeadline)) {
                IllegalStateException refused = assertInstanceOf(IllegalStateException.class, request.exceptionNow());
                assertTrue(refused.getMessage().contains("join from the thread that opened the batch"), refused.getMessage());
            }
        }
    }

    @Test
    void aMalformedUriIsRejectedBeforeAnythingRuns() {
        try (Batch<String> batch = Batch.open(Connector.tcp())) {
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> batch.submit("tcp://::1:80", ASK));
            assertTrue(bad.getMessage().contains("tcp://::1:80"), bad.getMessage());
        }
    }

    @Test
    void onlyTheOwnerMayClose() throws Exception {
        try (Batch<String> batch = Batch.open(Connector.tcp())) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread other = Thread.ofVirtual().start(() -> {
                try {
                    batch.close();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            Bounded.join(other);
            assertInstanceOf(IllegalStateException.class, failure.get());
        }
    }
}
