package dev.shuttle.internal.combinator;

import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connector;
import dev.shuttle.Connectors;
import dev.shuttle.SwappableConnector;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SwappableConnectorTest {
    private static final String URI = "tcp://127.0.0.1:9";

    @Test
    void connectsThroughTheCurrentTargetAndSwapReturnsThePreviousOne() throws IOException {
        Fakes.Scripted first = Fakes.succeeding("first");
        Connector rejecting = Connectors.reject("swapped out");
        SwappableConnector connector = Connectors.swappable(first);
        connector.connect(URI).close();
        assertSame(first, connector.swap(rejecting));
        assertSame(rejecting, connector.target());
        assertThrows(ConnectException.class, () -> connector.connect(URI));
        assertEquals(1, first.calls());
    }

    @Test
    void swapsFromManyThreadsWhileConnecting() throws Exception {
        Fakes.Scripted a = Fakes.succeeding("a");
        Fakes.Scripted b = Fakes.succeeding("b");
        SwappableConnector connector = Connectors.swappable(a);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            boolean swapper = i % 2 == 0;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    Bounded.await(go);
                    for (int n = 0; n < 500; n++) {
                        if (swapper) {
                            connector.swap(n % 2 == 0 ? b : a);
                        } else {
                            connector.connect(URI).close();
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            }));
        }
        go.countDown();
        for (Thread thread : threads) {
            Bounded.join(thread);
        }
        assertEquals(0, failures.get());
        assertEquals(4 * 500, a.calls() + b.calls());
        assertTrue(connector.target() == a || connector.target() == b);
    }

    @Test
    void refusesANullTarget() {
        assertThrows(NullPointerException.class, () -> Connectors.swappable(null));
        assertThrows(NullPointerException.class, () -> Connectors.swappable(Connector.tcp()).swap(null));
    }
}
