package dev.shuttle.internal.combinator;

import dev.shuttle.testing.Bounded;
import dev.shuttle.testing.FakeConnection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

@NetworkTest
class DelayConnectorTest {
    private static final String URI = "tcp://127.0.0.1:9";

    @Test
    void waitsThenConnects() throws IOException {
        List<String> events = new CopyOnWriteArrayList<>();
        Connector inner = uri -> {
            events.add("connect " + uri);
            return new FakeConnection(uri);
        };
        Sleeper sleeper = duration -> events.add("sleep " + duration);
        try (Connection ignored = new DelayConnector(inner, Duration.ofSeconds(2), sleeper).connect(URI)) {
            assertEquals(List.of("sleep PT2S", "connect " + URI), events);
        }
    }

    @Test
    void aZeroDelayDoesNotWait() throws IOException {
        Sleeper never = duration -> {
            throw new AssertionError("slept " + duration);
        };
        new DelayConnector(Fakes.succeeding("x"), Duration.ZERO, never).connect(URI).close();
    }

    @Test
    void anInterruptDuringTheDelayStopsItBeforeConnecting() throws Exception {
        Fakes.Scripted inner = Fakes.succeeding("never reached");
        CountDownLatch sleeping = new CountDownLatch(1);
        Sleeper real = duration -> {
            sleeping.countDown();
            Sleeper.REAL.sleep(duration);
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                new DelayConnector(inner, Duration.ofHours(1), real).connect(URI).close();
            } catch (Throwable t) {
                thrown.set(t);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        Bounded.await(sleeping);
        caller.interrupt();
        Bounded.join(caller);
        assertInstanceOf(InterruptedIOException.class, thrown.get());
        assertEquals("Connection to " + URI + " was interrupted", thrown.get().getMessage());
        assertTrue(flagKept.get());
        assertEquals(0, inner.calls());
    }

    @Test
    void refusesANegativeDelay() {
        assertThrows(IllegalArgumentException.class, () -> Connector.tcp().withDelay(Duration.ofMillis(-1)));
    }

    @Test
    void delaysARealConnect() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String uri = "tcp://127.0.0.1:" + server.getLocalPort();
            long start = System.nanoTime();
            try (Connection connection = Connector.tcp().withDelay(Duration.ofMillis(200)).connect(uri);
                    Socket accepted = server.accept()) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(connection.isOpen());
                assertTrue(took.compareTo(Duration.ofMillis(200)) >= 0, "took " + took);
                assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
                assertTrue(accepted.isConnected());
            }
        }
    }
}
