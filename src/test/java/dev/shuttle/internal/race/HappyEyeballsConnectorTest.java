package dev.shuttle.internal.race;

import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ConnectListener;
import dev.shuttle.Connection;
import dev.shuttle.Scheme;
import dev.shuttle.internal.address.AddressSorter;
import dev.shuttle.internal.concurrent.ShuttleThreads;
import dev.shuttle.testing.FakeConnection;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The connector around the race, with the connect timeout the race keeps itself. */
@Timeout(30)
class HappyEyeballsConnectorTest {
    private static final RaceSettings DEFAULTS = RaceSettings.DEFAULTS;

    /** A resolver that must not be asked: an IP literal is its own answer. */
    private static final FamilyLookup NEVER = (host, family) -> {
        throw new AssertionError("looked up " + host);
    };

    private static HappyEyeballsConnector connector(Attempt attempt, Duration timeout) {
        return new HappyEyeballsConnector(Scheme.TCP, NEVER, requested -> attempt, DEFAULTS,
                new AddressSorter(destination -> destination), Ticker.SYSTEM, ConnectListener.NONE, timeout);
    }

    @Test
    void anIpLiteralWithATimeoutConnectsWithoutTheResolver() throws Exception {
        try (Connection connection = connector(FakeConnection::new, Duration.ofSeconds(5)).connect("tcp://192.0.2.1:443")) {
            assertEquals("tcp://192.0.2.1:443", connection.remoteAddress().toString());
        }
    }

    @Test
    void anAttemptThatHangsEndsAtTheTimeoutInterruptedAndLeavesNoThread() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Attempt hangs = address -> {
            try {
                Bounded.await(never);
                throw new AssertionError("unreachable");
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw new InterruptedIOException("interrupted");
            }
        };
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                () -> connector(hangs, Duration.ofMillis(200)).connect("tcp://[2001:db8::1]:443"));
        assertEquals("Connection to tcp://[2001:db8::1]:443 timed out after 0.2 seconds", e.getMessage());
        assertTrue(interrupted.get(), "the attempt was interrupted before connect returned");
        Awaitility.await().until(() -> ShuttleThreads.live() == 0);
    }

    @Test
    void withoutATimeoutALiteralIsOneAttemptOnTheCallingThread() throws Exception {
        Thread caller = Thread.currentThread();
        Attempt here = address -> {
            assertEquals(caller, Thread.currentThread());
            return new FakeConnection(address);
        };
        try (Connection connection = connector(here, null).connect("tcp://192.0.2.1:443")) {
            assertInstanceOf(FakeConnection.class, connection);
        }
    }
}
