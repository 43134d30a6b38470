package dev.shuttle.internal.concurrent;

import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The race helper: one winner handed over, everything else closed, every failure kept. */
class FirstSuccessTest {

    /** Something closeable that remembers whether it was closed. */
    static final class Resource implements AutoCloseable {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @RepeatedTest(10)
    void handsOverOneWinnerAndClosesEveryOtherSuccess() throws Exception {
        CyclicBarrier together = new CyclicBarrier(3);
        List<Resource> made = List.of(new Resource(), new Resource(), new Resource());
        Optional<Resource> winner;
        try (FirstSuccess<Resource> race = FirstSuccess.open("test", null)) {
            for (Resource resource : made) {
                race.fork(() -> {
                    try {
                        together.await(Bounded.BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    } catch (Exception lostAndInterrupted) {
                        // Opened all the same.
                    }
                    return resource;
                });
            }
            winner = race.join();
        }
        assertTrue(winner.isPresent());
        for (Resource resource : made) {
            assertEquals(resource != winner.get(), resource.closed.get());
        }
    }

    @Test
    void keepsEveryFailureInTheOrderTheyFailed() throws Exception {
        try (FirstSuccess<Resource> race = FirstSuccess.open("test", null)) {
            race.fork(() -> {
                // Fail only once the other failure is recorded, not merely thrown.
                org.awaitility.Awaitility.await().until(() -> race.failures().size() == 1);
                throw new IOException("second");
            });
            race.fork(() -> {
                throw new IOException("first");
            });
            assertEquals(Optional.empty(), race.join());
            assertEquals(List.of("first", "second"), race.failures().stream().map(Throwable::getMessage).toList());
        }
    }

    @Test
    void aWinnerArrivingAfterTheDeadlineIsClosed() {
        AtomicReference<Resource> late = new AtomicReference<>();
        FirstSuccess<Resource> race = FirstSuccess.open("test", Duration.ofMillis(50));
        try (race) {
            race.fork(() -> {
                try {
                    Bounded.await(new CountDownLatch(1));
                } catch (InterruptedException cancelled) {
                    // Completed at the deadline: hand it back anyway.
                }
                late.set(new Resource());
                return late.get();
            });
            assertThrows(TimeoutException.class, race::join);
        }
        assertTrue(late.get().closed.get());
    }

    @Test
    void aWinnerArrivingAfterTheOwnerWasInterruptedIsClosed() throws Exception {
        AtomicReference<Resource> late = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread owner = Thread.ofVirtual().start(() -> {
            try (FirstSuccess<Resource> race = FirstSuccess.open("test", null)) {
                race.fork(() -> {
                    started.countDown();
                    try {
                        Bounded.await(new CountDownLatch(1));
                    } catch (InterruptedException cancelled) {
                        // Completed as it was cancelled.
                    }
                    late.set(new Resource());
                    return late.get();
                });
                race.join();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        Bounded.await(started);
        owner.interrupt();
        Bounded.join(owner);
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        assertTrue(late.get().closed.get());
    }

    @Test
    void theHandedOverWinnerStaysOpenAfterClose() throws Exception {
        Resource resource = new Resource();
        Optional<Resource> winner;
        try (FirstSuccess<Resource> race = FirstSuccess.open("test", Duration.ofMinutes(1))) {
            race.fork(() -> resource);
            winner = race.join();
        }
        assertSame(resource, winner.orElseThrow());
        assertFalse(resource.closed.get());
    }
}
