package dev.shuttle.internal.combinator;

import dev.shuttle.testing.Bounded;
import dev.shuttle.testing.FakeConnection;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

@NetworkTest
class RepeatConnectorTest {
    private static final String URI = "tcp://127.0.0.1:9";

    @Test
    void triesNTimesThenThrowsTheLastErrorWithTheEarlierOnesSuppressed() {
        Fakes.Scripted inner = new Fakes.Scripted("flaky", Fakes.refused("one"), Fakes.refused("two"), Fakes.refused("three"));
        ConnectException e = assertThrows(ConnectException.class, () -> inner.withTries(3).connect(URI));
        assertEquals(3, inner.calls());
        assertEquals("Connection to " + URI + " failed: three", e.getMessage());
        assertArrayEquals(new String[] {"Connection to " + URI + " failed: one", "Connection to " + URI + " failed: two"},
                java.util.Arrays.stream(e.getSuppressed()).map(Throwable::getMessage).toArray());
    }

    @Test
    void stopsAtTheFirstSuccess() throws IOException {
        Fakes.Scripted inner = new Fakes.Scripted("flaky", Fakes.refused("one"), FakeConnection::new);
        try (Connection connection = inner.withTries(5).connect(URI)) {
            assertSame(inner.opened.getFirst(), connection);
        }
        assertEquals(2, inner.calls());
    }

    @Test
    void oneTryMeansNoRetry() {
        Fakes.Scripted inner = Fakes.refusing("down");
        assertThrows(ConnectException.class, () -> inner.withTries(1).connect(URI));
        assertEquals(1, inner.calls());
    }

    @Test
    void refusesFewerThanOneTry() {
        assertThrows(IllegalArgumentException.class, () -> Connector.tcp().withTries(0));
    }

    @Test
    void doesNotRetryARuntimeException() {
        Fakes.Scripted inner = new Fakes.Scripted("picky", uri -> {
            throw new IllegalArgumentException("cannot handle " + uri);
        });
        assertThrows(IllegalArgumentException.class, () -> inner.withTries(3).connect(URI));
        assertEquals(1, inner.calls());
    }

    @Test
    void anInterruptDuringATryStopsIt() throws Exception {
        Fakes.Hanging hanging = new Fakes.Hanging();
        Fakes.Scripted inner = new Fakes.Scripted("then hangs", Fakes.refused("one"), hanging::connect);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                inner.withTries(5).connect(URI).close();
            } catch (Throwable t) {
                thrown.set(t);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        Bounded.await(hanging.started);
        caller.interrupt();
        Bounded.join(caller);
        assertInstanceOf(InterruptedIOException.class, thrown.get());
        assertEquals(1, thrown.get().getSuppressed().length, "the earlier failure is attached");
        assertTrue(flagKept.get());
        assertEquals(2, inner.calls());
    }

    @Test
    void anInterruptBetweenTriesStopsIt() {
        Fakes.Scripted inner = new Fakes.Scripted("interrupts", uri -> {
            Thread.currentThread().interrupt(); // arrives while the first try fails
            throw new ConnectException("Connection to " + uri + " failed: Connection refused");
        });
        try {
            InterruptedIOException e = assertThrows(InterruptedIOException.class, () -> inner.withTries(5).connect(URI));
            assertEquals(1, inner.calls());
            assertInstanceOf(ConnectException.class, e.getSuppressed()[0]);
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void retriesARealRefusedConnect() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        String uri = "tcp://127.0.0.1:" + port;
        ConnectException e = assertThrows(ConnectException.class, () -> Connector.tcp().withTries(2).connect(uri));
        assertTrue(e.getMessage().startsWith("Connection to " + uri + " failed"), e.getMessage());
        assertEquals(1, e.getSuppressed().length);
    }
}
