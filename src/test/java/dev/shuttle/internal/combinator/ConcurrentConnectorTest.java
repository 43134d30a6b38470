package dev.shuttle.internal.combinator;

import dev.shuttle.testing.Bounded;
import dev.shuttle.testing.FakeConnection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Connectors;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

@NetworkTest
class ConcurrentConnectorTest {
    private static final String URI = "tcp://127.0.0.1:9";

    @Test
    void theFirstSuccessWinsAndTheOthersAreCancelled() throws IOException {
        Fakes.Hanging slow = new Fakes.Hanging();
        Fakes.Scripted fast = new Fakes.Scripted("fast", uri -> {
            try {
                Bounded.await(slow.started); // both are running before one wins
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
            return new FakeConnection(uri);
        });
        try (Connection connection = Connectors.concurrent(slow, fast).connect(URI)) {
            assertSame(fast.opened.getFirst(), connection);
            assertTrue(connection.isOpen());
        }
        assertTrue(slow.interrupted.get(), "the loser was cancelled");
    }

    @RepeatedTest(20)
    void closesASecondWinnerThatConnectsAtTheSameMoment() throws IOException {
        CyclicBarrier together = new CyclicBarrier(2);
        Fakes.Scripted.Step atOnce = uri -> {
            try {
                together.await(Bounded.BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // The other one won first and this one was interrupted at the barrier: connect anyway.
            }
            return new FakeConnection(uri);
        };
        Fakes.Scripted a = new Fakes.Scripted("a", atOnce);
        Fakes.Scripted b = new Fakes.Scripted("b", atOnce);
        Connection winner = Connectors.concurrent(a, b).connect(URI);
        try {
            List<FakeConnection> all = new ArrayList<>(a.opened);
            all.addAll(b.opened);
            assertEquals(2, all.size(), "both connected");
            for (FakeConnection connection : all) {
                assertEquals(connection != winner, connection.closed(), connection + " vs winner " + winner);
            }
        } finally {
            winner.close();
        }
    }

    @Test
    void whenAllFailThrowsTheMostTellingNamingTheUriWithEveryFailureSuppressed() {
        Connector timesOut = uri -> {
            throw new SocketTimeoutException("timed out");
        };
        Connector refused = uri -> {
            throw new ConnectException("Connection refused");
        };
        ConnectException e = assertThrows(ConnectException.class,
                () -> Connectors.concurrent(timesOut, refused, timesOut).connect(URI));
        assertEquals("Connection to " + URI + " failed: Connection refused", e.getMessage());
        assertEquals(3, e.getSuppressed().length);
    }

    @Test
    void anInterruptOfTheCallerCancelsEveryAttempt() throws Exception {
        Fakes.Hanging a = new Fakes.Hanging();
        Fakes.Hanging b = new Fakes.Hanging();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                Connectors.concurrent(a, b).connect(URI).close();
            } catch (Throwable t) {
                thrown.set(t);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        Bounded.await(a.started);
        Bounded.await(b.started);
        caller.interrupt();
        Bounded.join(caller);
        assertInstanceOf(InterruptedIOException.class, thrown.get());
        assertTrue(flagKept.get());
        assertTrue(a.interrupted.get() && b.interrupted.get());
    }

    @Test
    void closesTheLosingRealConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String uri = "tcp://127.0.0.1:" + server.getLocalPort();
            CyclicBarrier together = new CyclicBarrier(2);
            Connector tcp = Connector.tcp();
            Connector afterBarrier = u -> {
                Connection connection = tcp.connect(u);
                try {
                    together.await(Bounded.BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    // Lost and cancelled: hand the connection back all the same.
                }
                return connection;
            };
            try (Connection winner = Connectors.concurrent(afterBarrier, afterBarrier).connect(uri);
                    Socket first = server.accept();
                    Socket second = server.accept()) {
                winner.output().write(7);
                winner.output().flush();
                int firstRead = first.getInputStream().read();
                int secondRead = second.getInputStream().read();
                // The winner's peer reads the byte; the loser's peer reads end of stream.
                assertEquals(List.of(-1, 7), List.of(firstRead, secondRead).stream().sorted().toList());
            }
        }
    }
}
