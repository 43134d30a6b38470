package dev.shuttle.internal.concurrent;

import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both implementations of the seam keep the same semantics. */
class TaskScopeTest {

    static Stream<TaskScopeFactory> factories() {
        Stream<TaskScopeFactory> virtual = Stream.of(VirtualThreadScope.factory());
        return "structured".equals(TaskScopes.kind()) || "auto".equals(System.getProperty("shuttle.scope", "auto"))
                ? Stream.concat(Stream.of(structured()), virtual)
                : virtual;
    }

    private static TaskScopeFactory structured() {
        return new StructuredScopeFactory();
    }

    @ParameterizedTest
    @MethodSource("factories")
    void joinWaitsForEveryTask(TaskScopeFactory factory) throws Exception {
        AtomicInteger done = new AtomicInteger();
        try (TaskScope scope = factory.open("test", null)) {
            for (int i = 0; i < 10; i++) {
                scope.fork(() -> {
                    done.incrementAndGet();
                    return false;
                });
            }
            scope.join();
        }
        assertEquals(10, done.get());
    }

    @ParameterizedTest
    @MethodSource("factories")
    void aTaskReturningTrueInterruptsTheOthers(TaskScopeFactory factory) throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch sleeperStarted = new CountDownLatch(1);
        try (TaskScope scope = factory.open("test", null)) {
            scope.fork(() -> {
                sleeperStarted.countDown();
                try {
                    Bounded.await(new CountDownLatch(1));
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
                return false;
            });
            scope.fork(() -> {
                Bounded.await(sleeperStarted);
                return true;
            });
            scope.join();
        }
        assertTrue(interrupted.get());
    }

    @ParameterizedTest
    @MethodSource("factories")
    void theDeadlineTimesOutJoinAndCloseInterruptsTheTasks(TaskScopeFactory factory) {
        AtomicBoolean interrupted = new AtomicBoolean();
        TaskScope scope = factory.open("test", Duration.ofMillis(50));
        try (scope) {
            scope.fork(() -> {
                try {
                    Bounded.await(new CountDownLatch(1));
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
                return false;
            });
            assertThrows(TimeoutException.class, scope::join);
        }
        assertTrue(interrupted.get());
    }

    @ParameterizedTest
    @MethodSource("factories")
    void onlyTheOwnerMayFork(TaskScopeFactory factory) throws Exception {
        try (TaskScope scope = factory.open("test", null)) {
            AtomicBoolean refused = new AtomicBoolean();
            Thread other = Thread.ofVirtual().start(() -> {
                try {
                    scope.fork(() -> false);
                } catch (RuntimeException e) {
                    refused.set(true);
                }
            });
            Bounded.join(other);
            assertTrue(refused.get());
            scope.join();
        }
    }

    @ParameterizedTest
    @MethodSource("factories")
    void aFinishedTaskKeepsNothingAliveWhileTheScopeLasts(TaskScopeFactory factory) throws Exception {
        // A server's scope lasts as long as the server, with one task per connection.
        try (TaskScope scope = factory.open("test", null)) {
            CountDownLatch done = new CountDownLatch(1);
            java.lang.ref.WeakReference<Object> captured = forkHolding(scope, done);
            assertTrue(done.await(10, java.util.concurrent.TimeUnit.SECONDS));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                System.gc();
                return captured.get() == null;
            });
            scope.join();
        }
    }

    private static java.lang.ref.WeakReference<Object> forkHolding(TaskScope scope, CountDownLatch done) {
        Object connection = new byte[1024 * 1024];
        scope.fork(() -> {
            connection.hashCode();
            done.countDown();
            return false;
        });
        return new java.lang.ref.WeakReference<>(connection);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void theDeadlineInterruptsTasksBeforeTheOwnerJoins(TaskScopeFactory factory) throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        TaskScope scope = factory.open("test", Duration.ofMillis(50));
        try (scope) {
            scope.fork(() -> {
                try {
                    Bounded.await(new CountDownLatch(1));
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                return false;
            });
            assertTrue(interrupted.await(10, java.util.concurrent.TimeUnit.SECONDS), "the deadline did not cancel");
            assertThrows(TimeoutException.class, scope::join);
        }
    }

    @ParameterizedTest
    @MethodSource("factories")
    void closeWithoutJoinStillWaitsForTasks(TaskScopeFactory factory) {
        AtomicBoolean finished = new AtomicBoolean();
        TaskScope scope = factory.open("test", null);
        scope.fork(() -> {
            try {
                Bounded.await(new CountDownLatch(1));
            } catch (InterruptedException e) {
                finished.set(true);
            }
            return false;
        });
        scope.close();
        assertTrue(finished.get());
        assertFalse(Thread.currentThread().isInterrupted());
    }
    static Stream<Arguments> factoriesAndForEverTimeouts() {
        return factories().flatMap(factory -> Stream.of(
                        ChronoUnit.FOREVER.getDuration(), Duration.ofSeconds(Long.MAX_VALUE),
                        Duration.ofNanos(Long.MAX_VALUE), Duration.ofDays(36_525))
                .map(timeout -> Arguments.of(factory, timeout)));
    }

    @ParameterizedTest
    @MethodSource("factoriesAndForEverTimeouts")
    void aTimeoutTooLongForNanosecondsIsNoDeadline(TaskScopeFactory factory, Duration timeout) throws Exception {
        AtomicInteger done = new AtomicInteger();
        try (TaskScope scope = factory.open("test", timeout)) {
            scope.fork(() -> {
                done.incrementAndGet();
                return true;
            });
            scope.join();
        }
        assertEquals(1, done.get());
    }

    @ParameterizedTest
    @MethodSource("factories")
    void onlyTheOwnerMayForkOrJoinAndNobodyForksAfterJoin(TaskScopeFactory factory) throws Exception {
        try (TaskScope scope = factory.open("test", null)) {
            java.util.concurrent.atomic.AtomicReference<Throwable> fork = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicReference<Throwable> join = new java.util.concurrent.atomic.AtomicReference<>();
            Thread other = Thread.ofVirtual().start(() -> {
                try {
                    scope.fork(() -> false);
                } catch (Throwable e) {
                    fork.set(e);
                }
                try {
                    scope.join();
                } catch (Throwable e) {
                    join.set(e);
                }
            });
            Bounded.join(other);
            assertEquals(WrongThreadException.class, fork.get().getClass(), String.valueOf(fork.get()));
            assertEquals(WrongThreadException.class, join.get().getClass(), String.valueOf(join.get()));
            scope.join();
            assertThrows(IllegalStateException.class, () -> scope.fork(() -> false));
        }
    }
}
