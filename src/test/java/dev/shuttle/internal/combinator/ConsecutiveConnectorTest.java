package dev.shuttle.internal.combinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Connectors;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ConsecutiveConnectorTest {
    private static final String URI = "tcp://127.0.0.1:9";

    @Test
    void triesInOrderUntilOneSucceeds() throws IOException {
        Fakes.Scripted a = Fakes.refusing("a");
        Fakes.Scripted b = Fakes.succeeding("b");
        Fakes.Scripted c = Fakes.succeeding("c");
        try (Connection connection = Connectors.consecutive(a, b, c).connect(URI)) {
            assertSame(b.opened.getFirst(), connection);
        }
        assertEquals(List.of(1, 1, 0), List.of(a.calls(), b.calls(), c.calls()));
    }

    @Test
    void whenAllFailThrowsTheMostTellingWithEveryFailureSuppressed() {
        Connector timeout = uri -> {
            throw new SocketTimeoutException("Connection to " + uri + " timed out after 1.0 seconds");
        };
        Connector cannot = uri -> {
            throw new IllegalArgumentException("cannot handle " + uri);
        };
        Fakes.Scripted refused = Fakes.refusing("refused");
        ConnectException e = assertThrows(ConnectException.class,
                () -> Connectors.consecutive(timeout, cannot, refused).connect(URI));
        assertEquals("Connection to " + URI + " failed: Connection refused (refused)", e.getMessage());
        assertEquals(3, e.getSuppressed().length);
    }

    @Test
    void aRuntimeFailureMovesOnToTheNextConnector() throws IOException {
        Connector unixOnly = Connector.unix();
        Fakes.Scripted tcp = Fakes.succeeding("tcp");
        Connectors.consecutive(unixOnly, tcp).connect(URI).close();
        assertEquals(1, tcp.calls());
    }

    @Test
    void anInterruptStopsItBeforeTheNextConnector() {
        Fakes.Scripted interrupting = new Fakes.Scripted("interrupting", uri -> {
            Thread.currentThread().interrupt();
            throw new ConnectException("refused");
        });
        Fakes.Scripted next = Fakes.succeeding("next");
        try {
            assertThrows(InterruptedIOException.class, () -> Connectors.consecutive(interrupting, next).connect(URI));
            assertEquals(0, next.calls());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void needsAtLeastOneConnector() {
        assertThrows(IllegalArgumentException.class, () -> Connectors.consecutive());
        assertThrows(IllegalArgumentException.class, () -> Connectors.random());
    }

    @Test
    void randomTriesEveryConnectorInAFreshOrderPerCall() {
        List<String> calls = new CopyOnWriteArrayList<>();
        List<Connector> connectors = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            connectors.add(uri -> {
                calls.add(name);
                throw new ConnectException("Connection to " + uri + " failed: " + name);
            });
        }
        Connector random = Connectors.random(connectors, new SplittableRandom(42));
        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            calls.clear();
            assertThrows(ConnectException.class, () -> random.connect(URI));
            assertEquals(Set.of("a", "b", "c"), Set.copyOf(calls), "every connector tried once");
            assertEquals(3, calls.size());
            orders.add(List.copyOf(calls));
        }
        assertTrue(orders.size() > 1, "orders vary: " + orders);
    }

    @Test
    void randomStopsAtTheFirstSuccess() throws IOException {
        Fakes.Scripted a = Fakes.succeeding("a");
        Fakes.Scripted b = Fakes.succeeding("b");
        Connector random = Connectors.random(a, b);
        for (int i = 0; i < 10; i++) {
            random.connect(URI).close();
        }
        assertEquals(10, a.calls() + b.calls());
        assertInstanceOf(Connector.class, random);
    }
}
