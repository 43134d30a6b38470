package dev.shuttle.internal.combinator;

import dev.shuttle.testing.Bounded;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.Connector;
import dev.shuttle.Connectors;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.PeerServer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An {@link Error} from a connector given to a combinator (user code) reaches the caller of
 * {@code connect} at once, the same instance, after every other attempt was cancelled and every
 * connection it made closed; the combinator neither waits for its other attempts nor swallows it.
 */
@NetworkTest
class CombinatorErrorsTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(15);

    /** What a user's bug throws: an Error of its own, so that no assertion failure passes for it. */
    static final class UserBug extends Error {
        UserBug(String message) {
            super(message);
        }
    }

    /**
     * A real connection to the test's server, held open until the attempt is cancelled: a sibling
     * attempt that would keep the combinator waiting, and a socket that must be closed.
     */
    static final class Holding implements Connector {
        final CountDownLatch holding = new CountDownLatch(1);

        @Override
        public Connection connect(Endpoint endpoint) throws IOException {
            String uri = endpoint.toString();
            Connection connection = Connector.tcp().connect(uri);
            holding.countDown();
            try {
                Bounded.await(new CountDownLatch(1));
                throw new AssertionError("unreachable");
            } catch (InterruptedException e) {
                connection.close();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("cancelled");
            }
        }
    }

    /** Builds the combinator under test from the buggy connector and a holding sibling. */
    @FunctionalInterface
    interface Stack extends BiFunction<Connector, Holding, Connector> {}

    static Stream<Arguments> stacks() {
        Connector refused = uri -> {
            throw new ConnectException("refused");
        };
        return Stream.of(
                Arguments.of("concurrent, the bug first", (Stack) (bug, holding) -> Connectors.concurrent(bug, holding)),
                Arguments.of("concurrent, the bug while a sibling holds a connection",
                        (Stack) (bug, holding) -> Connectors.concurrent(holding, afterHolding(bug, holding))),
                Arguments.of("timeout", (Stack) (bug, holding) -> bug.withTimeout(Duration.ofSeconds(120))),
                Arguments.of("timeout around concurrent",
                        (Stack) (bug, holding) -> Connectors.concurrent(holding, afterHolding(bug, holding))
                                .withTimeout(Duration.ofSeconds(120))),
                Arguments.of("consecutive", (Stack) (bug, holding) -> Connectors.consecutive(refused, bug)),
                Arguments.of("random", (Stack) (bug, holding) -> Connectors.random(List.of(bug, refused), RandomGenerator.of("L64X128MixRandom"))),
                Arguments.of("repeat", (Stack) (bug, holding) -> bug.withTries(3)),
                Arguments.of("delay", (Stack) (bug, holding) -> bug.withDelay(Duration.ofMillis(1))),
                Arguments.of("swappable", (Stack) (bug, holding) -> Connectors.swappable(bug)),
                Arguments.of("selective", (Stack) (bug, holding) -> Connectors.selective(List.of(Map.entry("*", bug)))),
                Arguments.of("fixed URI", (Stack) (bug, holding) -> Connectors.fixedUri(bug, "tcp://127.0.0.1:1")));
    }

    private static Connector afterHolding(Connector bug, Holding holding) {
        return uri -> {
            try {
                Bounded.await(holding.holding);
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
            return bug.connect(uri);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void anErrorFromAConnectorReachesTheCallerAtOnceAndNothingStaysOpen(String name, Stack stack) throws Exception {
        UserBug bug = new UserBug("bug in a connector");
        AtomicInteger calls = new AtomicInteger();
        Connector buggy = uri -> {
            calls.incrementAndGet();
            throw bug;
        };
        try (PeerServer server = PeerServer.start("tcp://127.0.0.1:0", connection -> {
            byte[] buffer = new byte[64];
            while (connection.input().read(buffer) >= 0) {
                // Until the client closes.
            }
        })) {
            Connector connector = stack.apply(buggy, new Holding());
            UserBug thrown = assertTimeoutPreemptively(PROMPTLY,
                    () -> assertThrows(UserBug.class, () -> connector.connect(server.uri()).close()));
            assertSame(bug, thrown);
            assertEquals(1, calls.get(), "an Error is not retried");
            await().atMost(Duration.ofSeconds(5)).until(() -> server.open() == 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void anErrorFromARejectFunctionReachesTheCaller(String name, Stack stack) throws Exception {
        UserBug bug = new UserBug("bug in a rejection");
        Connector reject = Connectors.reject(uri -> {
            throw bug;
        });
        try (PeerServer server = PeerServer.start("tcp://127.0.0.1:0", connection -> connection.input().read())) {
            Connector connector = stack.apply(reject, new Holding());
            UserBug thrown = assertTimeoutPreemptively(PROMPTLY,
                    () -> assertThrows(UserBug.class, () -> connector.connect(server.uri()).close()));
            assertSame(bug, thrown);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.open() == 0);
        }
    }

    @Test
    void anErrorFromClosingALosersConnectionReachesTheCallerAndTheWinnerIsClosed() throws Exception {
        UserBug bug = new UserBug("bug in a connection's close");
        try (PeerServer server = PeerServer.start("tcp://127.0.0.1:0", connection -> {
            byte[] buffer = new byte[64];
            while (connection.input().read(buffer) >= 0) {
                // Until the client closes.
            }
        })) {
            CountDownLatch loserStarted = new CountDownLatch(1);
            // Ignores the cancel and connects anyway; its connection's close throws.
            Connector loser = uri -> {
                loserStarted.countDown();
                try {
                    Bounded.await(new CountDownLatch(1));
                } catch (InterruptedException e) {
                    // Cancelled, but connected all the same.
                }
                Connection connection = Connector.tcp().connect(uri);
                return new dev.shuttle.internal.io.ForwardingConnection(connection) {
                    @Override
                    public void close() {
                        connection.close();
                        throw bug;
                    }
                };
            };
            Connector winner = uri -> {
                try {
                    Bounded.await(loserStarted);
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
                return Connector.tcp().connect(uri);
            };
            UserBug thrown = assertTimeoutPreemptively(PROMPTLY,
                    () -> assertThrows(UserBug.class, () -> Connectors.concurrent(loser, winner).connect(server.uri()).close()));
            assertSame(bug, thrown);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.open() == 0);
        }
    }
}
