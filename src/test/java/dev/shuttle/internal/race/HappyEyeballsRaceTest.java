package dev.shuttle.internal.race;

import dev.shuttle.testing.Bounded;
import dev.shuttle.internal.address.AddressSorter;
import dev.shuttle.testing.FakeConnection;
import static java.net.StandardProtocolFamily.INET;
import static java.net.StandardProtocolFamily.INET6;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.ConnectListener;
import dev.shuttle.Endpoint;
import dev.shuttle.internal.concurrent.ShuttleThreads;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every RFC 8305 rule, on a clock moved by hand against a scripted resolver and network. */
class HappyEyeballsRaceTest {
    private static final Duration RESOLUTION_DELAY = Duration.ofMillis(50);
    private static final Duration ATTEMPT_DELAY = Duration.ofMillis(250);
    private static final long FOREVER = Long.MAX_VALUE;

    private final ManualTicker ticker = new ManualTicker();
    private final ScriptedNetwork network = new ScriptedNetwork(ticker);
    private final CompletableFuture<Connection> result = new CompletableFuture<>();
    private Thread owner;

    /** Every source is usable: IPv6 destinations sort first, as on a dual-stack host. */
    private static final AddressSorter DUAL_STACK = new AddressSorter(destination ->
            InetAddress.ofLiteral(destination instanceof java.net.Inet6Address ? "2001:db8::100" : "192.0.2.100"));

    private void race(RaceSettings settings) {
        race(settings, null);
    }

    private void race(RaceSettings settings, Duration timeout) {
        race(settings, timeout, false);
    }

    private void race(RaceSettings settings, Duration timeout, boolean interruptedFirst) {
        HappyEyeballsRace race = new HappyEyeballsRace(Endpoint.parse("tcp://example.com:443"), network, network,
                settings, DUAL_STACK, ticker, ConnectListener.NONE, timeout);
        owner = Thread.ofVirtual().start(() -> {
            if (interruptedFirst) {
                Thread.currentThread().interrupt();
            }
            try {
                result.complete(race.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
    }

    private void race() {
        race(new RaceSettings(true, RESOLUTION_DELAY, ATTEMPT_DELAY, 1));
    }

    private Throwable failure() throws InterruptedException {
        try {
            result.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the race succeeded");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the race did not end", e);
        }
    }

    private Connection winner() throws Exception {
        return result.get(10, TimeUnit.SECONDS);
    }

    /** Both families known without waiting, as a cache would answer them. */
    private void knownAtOnce() {
        network.known.put(INET6, List.of(InetAddress.ofLiteral("2001:db8::1")));
        network.known.put(INET, List.of(InetAddress.ofLiteral("192.0.2.1")));
    }

    private void awaitWaiting(long nanos) {
        await().until(() -> ticker.waitingFor() == nanos);
    }

    private List<String> started() {
        return network.started.stream().map(InetAddress::getHostAddress).map(HappyEyeballsRaceTest::shortForm).toList();
    }

    private static String shortForm(String address) {
        return InetAddress.ofLiteral(address) instanceof java.net.Inet6Address
                ? address.replace("2001:db8:0:0:0:0:0:", "2001:db8::") : address;
    }

    @AfterEach
    void ownerEndsAndLeavesNoThread() throws InterruptedException {
        if (owner != null && owner.isAlive()) {
            owner.interrupt();
        }
        assertTrue(owner == null || owner.join(Duration.ofSeconds(10)), "the race did not end");
        await().until(() -> ShuttleThreads.live() == 0);
    }

    @Test
    void aPositiveAaaaAnswerStartsAtOnceWithoutWaitingForA() throws Exception {
        race();
        network.answer(INET6, "2001:db8::1");
        await().until(() -> started().equals(List.of("2001:db8::1")));
        network.connects("2001:db8::1");
        assertEquals("tcp://[2001:db8::1]:443", winner().remoteAddress().toString());
        assertEquals(List.of("INET"), network.interrupted, "the A lookup still running is cancelled");
    }

    @Test
    void anAAnswerFirstWaitsTheResolutionDelayForAaaa() throws Exception {
        race();
        network.answer(INET, "192.0.2.1");
        awaitWaiting(RESOLUTION_DELAY.toNanos());
        assertTrue(started().isEmpty());
        ticker.advance(Duration.ofMillis(20));
        network.answer(INET6, "2001:db8::1");
        await().until(() -> started().equals(List.of("2001:db8::1")));
        network.connects("2001:db8::1");
        assertEquals("tcp://[2001:db8::1]:443", winner().remoteAddress().toString());
    }

    @Test
    void whenAaaaNeverComesIpv4StartsAfterTheResolutionDelay() throws Exception {
        race();
        network.answer(INET, "192.0.2.1");
        awaitWaiting(RESOLUTION_DELAY.toNanos());
        ticker.advance(Duration.ofMillis(49));
        awaitWaiting(Duration.ofMillis(1).toNanos());
        assertTrue(started().isEmpty());
        ticker.advance(Duration.ofMillis(1));
        await().until(() -> started().equals(List.of("192.0.2.1")));
        network.connects("192.0.2.1");
        assertEquals("tcp://192.0.2.1:443", winner().remoteAddress().toString());
        assertEquals(List.of("INET6"), network.interrupted);
    }

    @Test
    void aaaaAnsweringAfterAttemptsStartedJoinsTheQueueInSortedPosition() throws Exception {
        race();
        network.answer(INET, "192.0.2.1", "192.0.2.2");
        awaitWaiting(RESOLUTION_DELAY.toNanos());
        ticker.advance(RESOLUTION_DELAY);
        await().until(() -> started().equals(List.of("192.0.2.1")));
        network.answer(INET6, "2001:db8::1");
        awaitWaiting(ATTEMPT_DELAY.toNanos());
        ticker.advance(ATTEMPT_DELAY);
        await().until(() -> started().size() == 2);
        ticker.advance(ATTEMPT_DELAY);
        await().until(() -> started().size() == 3);
        assertEquals(List.of("192.0.2.1", "2001:db8::1", "192.0.2.2"), started());
        network.connects("192.0.2.2");
        assertEquals("tcp://192.0.2.2:443", winner().remoteAddress().toString());
    }

    @Test
    void familiesInterleaveStartingWithThePreferredOne() throws Exception {
        race();
        network.answer(INET, "192.0.2.1", "192.0.2.2");
        network.answer(INET6, "2001:db8::1", "2001:db8::2", "2001:db8::3");
        for (int i = 1; i < 5; i++) {
            int count = i;
            await().until(() -> started().size() == count);
            awaitWaiting(ATTEMPT_DELAY.toNanos());
            ticker.advance(ATTEMPT_DELAY);
        }
        await().until(() -> started().size() == 5);
        assertEquals(List.of("2001:db8::1", "192.0.2.1", "2001:db8::2", "192.0.2.2", "2001:db8::3"), started());
        network.connects("2001:db8::3");
        winner().close();
    }

    @Test
    void firstAddressFamilyCountPutsThatManyPreferredAddressesFirst() throws Exception {
        race(new RaceSettings(true, RESOLUTION_DELAY, ATTEMPT_DELAY, 2));
        network.answer(INET, "192.0.2.1", "192.0.2.2");
        awaitWaiting(RESOLUTION_DELAY.toNanos());
        network.answer(INET6, "2001:db8::1", "2001:db8::2", "2001:db8::3");
        await().until(() -> !started().isEmpty());
        for (String address : List.of("2001:db8::1", "2001:db8::2", "192.0.2.1", "2001:db8::3")) {
            network.refuses(address);
        }
        network.connects("192.0.2.2");
        winner().close();
        assertEquals(List.of("2001:db8::1", "2001:db8::2", "192.0.2.1", "2001:db8::3", "192.0.2.2"), started());
    }

    @Test
    void attemptsAreStaggeredByTheAttemptDelayAndNeverAbortEarlierOnes() throws Exception {
        race();
        network.answer(INET6, "2001:db8::1");
        network.answer(INET, "192.0.2.1");
        await().until(() -> started().size() == 1);
        awaitWaiting(ATTEMPT_DELAY.toNanos());
        ticker.advance(ATTEMPT_DELAY.minusMillis(1));
        awaitWaiting(Duration.ofMillis(1).toNanos());
        assertEquals(1, started().size());
        ticker.advance(Duration.ofMillis(1));
        await().until(() -> started().size() == 2);
        assertEquals(ATTEMPT_DELAY.toNanos(), network.startedAt.get(1) - network.startedAt.get(0));
        network.connects("2001:db8::1");
        assertEquals("tcp://[2001:db8::1]:443", winner().remoteAddress().toString(), "the first attempt went on and won");
        assertEquals(List.of("192.0.2.1"), network.interrupted, "the loser was cancelled");
    }

    @Test
    void aFailedAttemptStartsTheNextAtOnce() throws Exception {
        race();
        network.answer(INET6, "2001:db8::1");
        network.answer(INET, "192.0.2.1");
        await().until(() -> started().size() == 1);
        network.refuses("2001:db8::1");
        await().until(() -> started().size() == 2);
        assertEquals(network.startedAt.get(0), network.startedAt.get(1), "no time passed");
        network.connects("192.0.2.1");
        assertEquals("tcp://192.0.2.1:443", winner().remoteAddress().toString());
    }

    @Test
    void twoAttemptsConnectingTogetherReturnOneAndCloseTheOther() throws Exception {
        race();
        network.answer(INET6, "2001:db8::1");
        network.answer(INET, "192.0.2.1");
        await().until(() -> started().size() == 1);
        ticker.advance(ATTEMPT_DELAY);
        await().until(() -> started().size() == 2);
        Thread a = Thread.ofVirtual().start(() -> network.connects("2001:db8::1"));
        Thread b = Thread.ofVirtual().start(() -> network.connects("192.0.2.1"));
        Bounded.join(a);
        Bounded.join(b);
        Connection won = winner();
        assertEquals(2, network.made.size());
        for (FakeConnection made : network.made) {
            assertEquals(made != won, made.closed(), "the loser is closed, the winner open");
        }
    }

    @Test
    void allAttemptsFailingGiveOneExceptionNamingEachFamily() throws Exception {
        race();
        network.answer(INET6, "2001:db8::1");
        network.answer(INET, "192.0.2.1", "192.0.2.2");
        await().until(() -> started().size() == 1);
        network.refuses("2001:db8::1");
        network.refuses("192.0.2.1");
        network.refuses("192.0.2.2");
        ConnectException e = assertInstanceOf(ConnectException.class, failure());
        assertEquals("Connection to tcp://example.com:443 failed after 3 attempts: [2001:db8::1]:443: Connection refused;"
                + " 192.0.2.2:443: Connection refused", e.getMessage());
        assertEquals(3, e.getSuppressed().length);
    }

    @Test
    void noAddressIsAnUnknownHostExceptionSayingWhy() throws Exception {
        race();
        network.answer(INET6);
        network.fail(INET, new UnknownHostException("example.com: no such name (NXDOMAIN)"));
        UnknownHostException e = assertInstanceOf(UnknownHostException.class, failure());
        assertEquals("Connection to tcp://example.com:443 failed: example.com: no such name (NXDOMAIN)", e.getMessage());
        assertTrue(started().isEmpty());
    }

    @Test
    void interruptDuringResolutionStartsNoAttempt() throws Exception {
        race();
        await().until(() -> ticker.waitingFor() == FOREVER);
        owner.interrupt();
        InterruptedIOException e = assertInstanceOf(InterruptedIOException.class, failure());
        assertEquals("Connection to tcp://example.com:443 was interrupted", e.getMessage());
        assertTrue(network.interrupted.containsAll(List.of("INET", "INET6")));
        assertTrue(started().isEmpty());
    }

    @Test
    void interruptDuringTheResolutionDelayStartsNoAttempt() throws Exception {
        race();
        network.answer(INET, "192.0.2.1");
        awaitWaiting(RESOLUTION_DELAY.toNanos());
        owner.interrupt();
        assertInstanceOf(InterruptedIOException.class, failure());
        ticker.advance(RESOLUTION_DELAY);
        assertTrue(started().isEmpty());
    }

    @Test
    void interruptDuringAttemptsCancelsThemAll() throws Exception {
        race();
        network.answer(INET6, "2001:db8::1");
        network.answer(INET, "192.0.2.1");
        await().until(() -> started().size() == 1);
        ticker.advance(ATTEMPT_DELAY);
        await().until(() -> started().size() == 2);
        owner.interrupt();
        assertInstanceOf(InterruptedIOException.class, failure());
        assertTrue(network.interrupted.containsAll(List.of("2001:db8:0:0:0:0:0:1", "192.0.2.1")), network.interrupted.toString());
    }

    @Test
    void withoutRacingAddressesAreTriedOneAtATimeInSortedOrder() throws Exception {
        race(new RaceSettings(false, RESOLUTION_DELAY, ATTEMPT_DELAY, 1));
        network.answer(INET, "192.0.2.1");
        await().until(() -> ticker.waitingFor() == FOREVER);
        assertTrue(started().isEmpty(), "waits for both answers");
        network.answer(INET6, "2001:db8::1", "2001:db8::2");
        await().until(() -> started().size() == 1);
        ticker.advance(Duration.ofSeconds(10));
        awaitWaiting(FOREVER);
        assertEquals(1, started().size(), "no second attempt while the first runs");
        network.refuses("2001:db8::1");
        await().until(() -> started().size() == 2);
        network.refuses("2001:db8::2");
        await().until(() -> started().size() == 3);
        network.connects("192.0.2.1");
        winner().close();
        assertEquals(List.of("2001:db8::1", "2001:db8::2", "192.0.2.1"), started());
    }

    @Test
    void aFamilyTheLookupDoesNotAskForIsNeitherLookedUpNorReported() throws Exception {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        ConnectListener listener = new ConnectListener() {
            @Override
            public void lookupStarted(Endpoint endpoint, java.net.StandardProtocolFamily family) {
                heard.add(family.name());
            }
        };
        HappyEyeballsRace race = new HappyEyeballsRace(Endpoint.parse("tcp://example.com:443"),
                FamilyLookup.only(network, java.util.Set.of(INET)), network,
                new RaceSettings(false, RESOLUTION_DELAY, ATTEMPT_DELAY, 1), DUAL_STACK, ticker, listener, null);
        owner = Thread.ofVirtual().start(() -> {
            try {
                result.complete(race.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        network.answer(INET, "192.0.2.1");
        await().until(() -> started().size() == 1);
        network.connects("192.0.2.1");
        winner().close();
        assertEquals(List.of(INET), network.lookedUp);
        assertEquals(List.of("INET"), heard);
    }

    @Test
    void aWinnerIsReturnedOpen() throws Exception {
        race();
        network.answer(INET6, "2001:db8::1");
        network.connects("2001:db8::1");
        Connection won = winner();
        assertSame(network.made.getFirst(), won);
        assertFalse(network.made.getFirst().closed());
    }

    @Test
    void answersKnownWithoutWaitingAreTakenWithoutALookupThread() throws Exception {
        knownAtOnce();
        race();
        await().until(() -> started().equals(List.of("2001:db8::1")));
        network.connects("2001:db8::1");
        winner().close();
        assertEquals(List.of(), network.lookedUp, "no lookup ran");
    }

    @Test
    void aFamilyNotKnownAtOnceIsStillLookedUp() throws Exception {
        network.known.put(INET, List.of(InetAddress.ofLiteral("192.0.2.1")));
        race();
        awaitWaiting(RESOLUTION_DELAY.toNanos());
        assertEquals(List.of(INET6), network.lookedUp, "only AAAA is asked; A was known, and waits for AAAA as usual");
        network.answer(INET6, "2001:db8::1");
        await().until(() -> started().equals(List.of("2001:db8::1")));
        network.connects("2001:db8::1");
        winner().close();
    }

    @Test
    void aRaceWithATimeoutEndsAtItsDeadlineAndInterruptsTheAttempt() throws Exception {
        race(new RaceSettings(true, RESOLUTION_DELAY, ATTEMPT_DELAY, 1), Duration.ofSeconds(3));
        network.answer(INET6, "2001:db8::1");
        await().until(() -> started().equals(List.of("2001:db8::1")));
        awaitWaiting(Duration.ofSeconds(3).toNanos());
        ticker.advance(Duration.ofMillis(2999));
        awaitWaiting(Duration.ofMillis(1).toNanos());
        assertFalse(result.isDone());
        ticker.advance(Duration.ofMillis(1));
        Throwable failure = failure();
        assertInstanceOf(java.net.SocketTimeoutException.class, failure);
        assertEquals("Connection to tcp://example.com:443 timed out after 3.0 seconds", failure.getMessage());
        assertTrue(network.interrupted.containsAll(List.of("2001:db8:0:0:0:0:0:1", "INET")), network.interrupted.toString());
    }

    @Test
    void aTimeoutAlsoEndsLookupsThatHang() throws Exception {
        race(new RaceSettings(true, RESOLUTION_DELAY, ATTEMPT_DELAY, 1), Duration.ofSeconds(1));
        awaitWaiting(Duration.ofSeconds(1).toNanos());
        ticker.advance(Duration.ofSeconds(1));
        assertEquals("Connection to tcp://example.com:443 timed out after 1.0 seconds", failure().getMessage());
        assertEquals(java.util.Set.of("INET6", "INET"), java.util.Set.copyOf(network.interrupted));
        assertTrue(started().isEmpty());
    }

    @Test
    void attemptsThatFailedBeforeTheDeadlineAreKeptWithTheTimeout() throws Exception {
        race(new RaceSettings(true, RESOLUTION_DELAY, ATTEMPT_DELAY, 1), Duration.ofSeconds(3));
        network.answer(INET6, "2001:db8::1", "2001:db8::2");
        network.answer(INET);
        await().until(() -> started().size() == 1);
        network.refuses("2001:db8::1");
        await().until(() -> started().size() == 2);
        ticker.advance(Duration.ofSeconds(3));
        Throwable failure = failure();
        assertInstanceOf(java.net.SocketTimeoutException.class, failure);
        assertEquals(1, failure.getSuppressed().length);
        assertInstanceOf(ConnectException.class, failure.getSuppressed()[0]);
        assertEquals(List.of("2001:db8:0:0:0:0:0:2"), network.interrupted);
    }

    @Test
    void aConnectionMadeBeforeTheDeadlineWins() throws Exception {
        race(new RaceSettings(true, RESOLUTION_DELAY, ATTEMPT_DELAY, 1), Duration.ofSeconds(3));
        network.answer(INET6, "2001:db8::1");
        await().until(() -> started().size() == 1);
        ticker.advance(Duration.ofMillis(2500));
        network.connects("2001:db8::1");
        Connection won = winner();
        assertFalse(network.made.getFirst().closed());
        won.close();
    }

    @Test
    void aTimeoutOfForeverIsNoDeadline() throws Exception {
        race(new RaceSettings(true, RESOLUTION_DELAY, ATTEMPT_DELAY, 1), Duration.ofSeconds(Long.MAX_VALUE));
        network.answer(INET6, "2001:db8::1");
        await().until(() -> started().size() == 1);
        awaitWaiting(FOREVER);
        network.connects("2001:db8::1");
        winner().close();
    }

    @Test
    void aConnectMadeAtOnceWinsOnTheOwnersThread() throws Exception {
        knownAtOnce();
        network.connectsAtOnce("2001:db8::1");
        race();
        Connection won = winner();
        assertSame(network.made.getFirst(), won);
        assertFalse(network.made.getFirst().closed());
        assertEquals(List.of(owner), network.begunOn, "begun by the owner, and only the one attempt");
        assertEquals(List.of("2001:db8::1"), started());
        won.close();
    }

    @Test
    void aConnectRefusedAtOnceBeginsTheNextAddressAtOnce() throws Exception {
        knownAtOnce();
        network.refusesAtOnce("2001:db8::1");
        network.connectsAtOnce("192.0.2.1");
        race();
        assertEquals("tcp://192.0.2.1:443", winner().remoteAddress().toString());
        assertEquals(List.of("2001:db8::1", "192.0.2.1"), started());
        assertEquals(network.startedAt.get(0), network.startedAt.get(1), "no attempt delay between them");
        assertEquals(List.of(owner, owner), network.begunOn);
    }

    @Test
    void aConnectMadeAtOnceStopsALookupStillWaiting() throws Exception {
        network.known.put(INET6, List.of(InetAddress.ofLiteral("2001:db8::1")));
        network.connectsAtOnce("2001:db8::1");
        race();
        winner().close();
        assertEquals(List.of(INET), network.lookedUp);
        assertEquals(List.of("INET"), network.interrupted, "the A lookup is interrupted once the race is won");
    }

    @Test
    void aConnectMadeAtOnceCancelsAnEarlierAttemptStillWaiting() throws Exception {
        knownAtOnce();
        network.connectsAtOnce("192.0.2.1");
        race();
        await().until(() -> started().equals(List.of("2001:db8::1")));
        awaitWaiting(ATTEMPT_DELAY.toNanos());
        ticker.advance(ATTEMPT_DELAY);
        assertEquals("tcp://192.0.2.1:443", winner().remoteAddress().toString());
        assertEquals(List.of("2001:db8:0:0:0:0:0:1"), network.interrupted, "the waiting IPv6 attempt is cancelled");
    }

    @Test
    void anAttemptBegunAsAnotherWinsIsAbandonedNotLeaked() throws Exception {
        knownAtOnce();
        race();
        await().until(() -> started().equals(List.of("2001:db8::1")));
        awaitWaiting(ATTEMPT_DELAY.toNanos());
        // The owner begins the IPv4 attempt and, while it does, the IPv6 one wins and stops the scope.
        network.beginGate = new CompletableFuture<>();
        ticker.advance(ATTEMPT_DELAY);
        await().until(() -> network.begunOn.size() == 2);
        network.connects("2001:db8::1");
        await().until(() -> ShuttleThreads.live() == 0);
        network.beginGate.complete(null);
        assertEquals("tcp://[2001:db8::1]:443", winner().remoteAddress().toString());
        assertEquals(List.of(InetAddress.ofLiteral("192.0.2.1")), network.abandoned,
                "the stopped scope never ran its task: the race closed what was begun");
    }

    @Test
    void anOwnerInterruptedBeforeTheRaceBeginsNoAttemptEvenOneThatWouldWinAtOnce() throws Exception {
        knownAtOnce();
        network.connectsAtOnce("2001:db8::1");
        race(new RaceSettings(true, RESOLUTION_DELAY, ATTEMPT_DELAY, 1), null, true);
        Throwable failure = failure();
        assertInstanceOf(InterruptedIOException.class, failure);
        assertEquals("Connection to tcp://example.com:443 was interrupted", failure.getMessage());
        assertEquals(List.of(), network.begunOn);
    }
}
