package dev.shuttle.internal.server.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.ServerOptions;
import dev.shuttle.internal.io.ForwardingConnection;
import dev.shuttle.internal.io.IdleClosedException;
import dev.shuttle.testing.FakeConnection;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The idle timeout's bookkeeping on a hand-moved clock: what counts as activity, when a sweep closes. */
class IdleTimeoutTest {
    private final AtomicLong now = new AtomicLong(1_000);
    /** What the sweeps reported closed, in order. */
    private final List<IdleClosedException> closed = new ArrayList<>();
    private final IdleTimeout idle = new IdleTimeout(Duration.ofSeconds(10), now::get, closed::add);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void aConnectionWithNoReadOrWriteForTheTimeoutIsClosedByTheNextSweep() {
        FakeConnection fake = new FakeConnection("tcp://192.0.2.1:4000");
        Connection tracked = idle.track(fake);
        advance(Duration.ofSeconds(9));
        idle.sweep();
        assertFalse(fake.closed());
        advance(Duration.ofSeconds(1));
        idle.sweep();
        assertTrue(fake.closed());
        assertEquals(0, idle.watchedCount());
        SocketTimeoutException failure = assertThrows(SocketTimeoutException.class, () -> tracked.input().read());
        assertEquals("Connection from tcp://192.0.2.1:4000 closed: no read or write for 10.0 seconds (the server's idle timeout)",
                failure.getMessage());
        assertEquals(List.of(failure.getMessage()), closed.stream().map(Throwable::getMessage).toList(),
                "each idle close is reported once, by the sweep that closed it");
        idle.sweep();
        assertEquals(1, closed.size(), "a connection no longer watched is not reported again");
        assertThrows(SocketTimeoutException.class, () -> tracked.output().write(1));
    }

    @Test
    void readsAndWritesPutTheDeadlineOff() throws IOException {
        FakeConnection fake = new FakeConnection("tcp://192.0.2.1:4000");
        Connection tracked = idle.track(fake);
        for (int i = 0; i < 5; i++) {
            advance(Duration.ofSeconds(6));
            if (i % 2 == 0) {
                tracked.input().read();
            } else {
                tracked.output().write(new byte[3]);
            }
            idle.sweep();
            assertFalse(fake.closed(), "active at step " + i);
        }
        advance(Duration.ofSeconds(10));
        idle.sweep();
        assertTrue(fake.closed());
    }

    @Test
    void takingTheSocketUnderneathOrClosingEndsTheWatch() {
        // Stands for a connection over a socket: unwrap finds something underneath.
        Connection socketful = new ForwardingConnection(new FakeConnection("tcp://192.0.2.1:4000")) {
            @Override
            public <T> java.util.Optional<T> unwrap(Class<T> type) {
                return type == String.class ? java.util.Optional.of(type.cast("the socket")) : java.util.Optional.empty();
            }
        };
        Connection tracked = idle.track(socketful);
        Connection other = idle.track(new FakeConnection("tcp://192.0.2.2:4000"));
        assertEquals(2, idle.watchedCount());
        assertTrue(tracked.unwrap(String.class).isPresent());
        other.close();
        assertEquals(0, idle.watchedCount());
        advance(Duration.ofDays(1));
        idle.sweep();
        assertTrue(socketful.isOpen(), "its reads and writes cannot be seen: not closed as idle");
    }

    @Test
    void withoutATimeoutNothingIsWrappedOrWatched() {
        IdleTimeout none = new IdleTimeout(Duration.ZERO, now::get, closed::add);
        FakeConnection fake = new FakeConnection("tcp://192.0.2.1:4000");
        assertSame(fake, none.track(fake));
        assertFalse(none.enabled());
        assertEquals(0, none.watchedCount());
    }

    @Test
    void theSweepPeriodIsAQuarterOfTheTimeoutBetweenAMillisecondAndASecond() {
        assertEquals(Duration.ofSeconds(1).toNanos(), idle.periodNanos());
        assertEquals(Duration.ofMillis(100).toNanos(), new IdleTimeout(Duration.ofMillis(400), now::get, closed::add).periodNanos());
        assertEquals(Duration.ofMillis(1).toNanos(), new IdleTimeout(Duration.ofMillis(1), now::get, closed::add).periodNanos());
    }

    @Test
    void theOptionIsCheckedAndSaturatesLikeEveryTimeout() {
        assertEquals(Duration.ZERO, ServerOptions.defaults().idleTimeout());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.builder().idleTimeout(Duration.ofMillis(-1)));
        assertTrue(negative.getMessage().contains("idleTimeout"), negative::getMessage);
        assertThrows(NullPointerException.class, () -> ServerOptions.builder().idleTimeout(null));
        assertEquals(Duration.ZERO, ServerOptions.builder().idleTimeout(ChronoUnit.FOREVER.getDuration()).build().idleTimeout());
        assertEquals(Duration.ZERO, ServerOptions.builder().idleTimeout(Duration.ofMillis(Integer.MAX_VALUE)).build().idleTimeout());
        assertEquals(Duration.ofMillis(Integer.MAX_VALUE - 1),
                ServerOptions.builder().idleTimeout(Duration.ofMillis(Integer.MAX_VALUE - 1)).build().idleTimeout());
        assertEquals(Duration.ofMillis(1), ServerOptions.builder().idleTimeout(Duration.ofNanos(1)).build().idleTimeout());
        assertEquals(Duration.ofSeconds(30),
                ServerOptions.builder().idleTimeout(Duration.ofSeconds(30)).build().toBuilder().build().idleTimeout());
    }
}
