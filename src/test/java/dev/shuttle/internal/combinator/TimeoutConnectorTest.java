package dev.shuttle.internal.combinator;

import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.SilentPort;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

@NetworkTest
class TimeoutConnectorTest {
    private static final String URI = "tcp://127.0.0.1:9";

    @Test
    void returnsTheConnectionWhenTheInnerConnectsInTime() throws IOException {
        Fakes.Scripted inner = Fakes.succeeding("fast");
        try (Connection connection = new TimeoutConnector(inner, Duration.ofMinutes(1)).connect(URI)) {
            assertSame(inner.opened.getFirst(), connection);
            assertTrue(connection.isOpen());
        }
    }

    @Test
    void aForEverTimeoutConnectsWithoutADeadline() throws IOException {
        for (Duration forEver : new Duration[] {ChronoUnit.FOREVER.getDuration(), Duration.ofSeconds(Long.MAX_VALUE)}) {
            Fakes.Scripted inner = Fakes.succeeding("fast");
            try (Connection connection = inner.withTimeout(forEver).connect(URI)) {
                assertSame(inner.opened.getFirst(), connection);
            }
        }
    }

    @Test
    void timesOutNamingTheUriAndTheTimeoutAndCancelsTheAttempt() {
        Fakes.Hanging inner = new Fakes.Hanging();
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                () -> new TimeoutConnector(inner, Duration.ofMillis(100)).connect("127.0.0.1:9"));
        assertEquals("Connection to tcp://127.0.0.1:9 timed out after 0.1 seconds", e.getMessage());
        assertTrue(inner.interrupted.get(), "the attempt underneath was interrupted");
    }

    @Test
    void closesAConnectionThatCompletesAtTheDeadline() {
        Fakes.LateWinner inner = new Fakes.LateWinner();
        assertThrows(SocketTimeoutException.class,
                () -> new TimeoutConnector(inner, Duration.ofMillis(50)).connect(URI));
        assertTrue(inner.returned.closed(), "the late connection was closed, not leaked");
    }

    @Test
    void passesTheInnerFailureOnUnchanged() {
        ConnectException refused = new ConnectException("Connection to tcp://127.0.0.1:9 failed: Connection refused");
        Connector inner = uri -> {
            throw refused;
        };
        IOException e = assertThrows(IOException.class, () -> new TimeoutConnector(inner, Duration.ofMinutes(1)).connect(URI));
        assertSame(refused, e);
    }

    @Test
    void passesAnIllegalArgumentOnUnchanged() {
        assertThrows(IllegalArgumentException.class,
                () -> new TimeoutConnector(Connector.tcp(), Duration.ofMinutes(1)).connect("tcp://example.com:80"));
        assertThrows(IllegalArgumentException.class,
                () -> new TimeoutConnector(Connector.tcp(), Duration.ofMinutes(1)).connect("tcp://127.0.0.1"));
    }

    @Test
    void anInterruptOfTheCallerCancelsTheAttemptAndKeepsTheFlag() throws Exception {
        Fakes.Hanging inner = new Fakes.Hanging();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                new TimeoutConnector(inner, Duration.ofHours(1)).connect(URI).close();
            } catch (Throwable t) {
                thrown.set(t);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        Bounded.await(inner.started);
        caller.interrupt();
        Bounded.join(caller);
        assertInstanceOf(InterruptedIOException.class, thrown.get());
        assertTrue(flagKept.get(), "interrupt flag kept");
        assertTrue(inner.interrupted.get(), "the attempt underneath was interrupted");
    }

    @Test
    void timesOutARealConnectToASilentPort() throws IOException {
        try (SilentPort silent = SilentPort.on(InetAddress.getLoopbackAddress())) {
            String uri = "tcp://127.0.0.1:" + silent.address().getPort();
            long start = System.nanoTime();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                    () -> Connector.tcp().withTimeout(Duration.ofMillis(300)).connect(uri));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals("Connection to " + uri + " timed out after 0.3 seconds", e.getMessage());
            assertTrue(took.compareTo(Duration.ofMillis(250)) >= 0, "took " + took);
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
        }
    }

    @Test
    void refusesATimeoutThatIsNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> Connector.tcp().withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Connector.tcp().withTimeout(Duration.ofSeconds(-1)));
    }
}
