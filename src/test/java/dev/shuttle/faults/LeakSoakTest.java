package dev.shuttle.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Server;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.internal.concurrent.ShuttleThreads;
import dev.shuttle.internal.tls.TestCertificates;
import dev.shuttle.testing.Bounded;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.OpenDescriptors;
import dev.shuttle.testing.SilentPort;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A leak soak: many connects that are refused, time out against a full backlog, or are
 * interrupted, by name and by IP address, over TCP and TLS, leave no descriptor and no Shuttle
 * thread behind ({@link NetworkTest} checks both after each test, and each test checks again
 * itself). 10,000 connects in each task-scope mode, as the issue asks: 2,100 refused, 200 timed
 * out and 200 interrupted per target, four targets (TCP and TLS, by name and by IP);
 * {@code -Dshuttle.soak.scale=5} multiplies them, for a longer soak by hand. Measured on 2 loaded
 * cores: about 43 s for both task-scope modes at scale 1 (with 2,000 refused), about 101 s at
 * scale 5, too much for every build.
 */
@NetworkTest
@Timeout(120)
class LeakSoakTest {
    /** Multiplies every count: 1 in the unit suite. */
    private static final int SCALE = Integer.getInteger("shuttle.soak.scale", 1);
    private static final int REFUSED = 2100 * SCALE;
    private static final int TIMED_OUT = 200 * SCALE;
    private static final int INTERRUPTED = 200 * SCALE;
    /** How many connects run at once. */
    private static final int PARALLEL = 32;
    private static final TestCertificates PKI = TestCertificates.ec();

    private static Connector connector(String scheme, Duration timeout) {
        ConnectorOptions.Builder options = ConnectorOptions.builder().connectTimeout(timeout);
        if (scheme.equals("tls")) {
            try {
                options.tls(TlsOptions.builder().trustStore(PKI.caStore()).serverName("localhost").build());
            } catch (java.security.GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return Connector.create(options.build());
    }

    private static int closedPort() throws IOException {
        try (Server server = Server.listen("tcp://127.0.0.1:0")) {
            return server.address().port();
        }
    }

    /** Runs {@code count} connects, {@value #PARALLEL} at a time; {@return the failures by type} */
    private static Map<String, Integer> connectMany(int count, Connector connector, String uri) throws InterruptedException {
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        Semaphore room = new Semaphore(PARALLEL);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!room.tryAcquire(Bounded.BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                fail("connects stopped ending");
            }
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    connector.connect(uri).close();
                    failures.merge("connected", 1, Integer::sum);
                } catch (IOException e) {
                    failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                } finally {
                    room.release();
                }
            }));
        }
        for (Thread thread : threads) {
            Bounded.join(thread);
        }
        return failures;
    }

    private static void assertBackToBaseline(Map<Integer, String> descriptors, int threads) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> OpenDescriptors.since(descriptors).isEmpty() && ShuttleThreads.live() <= threads);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1", "tcp://localhost", "tls://127.0.0.1", "tls://localhost"})
    void refusedConnectsLeaveNothingBehind(String target) throws Exception {
        int port = closedPort();
        Map<Integer, String> descriptors = OpenDescriptors.snapshot();
        int threads = ShuttleThreads.live();
        Map<String, Integer> outcomes = connectMany(REFUSED, connector(target.substring(0, 3), Duration.ofSeconds(10)),
                target + ":" + port);
        assertEquals(Map.of("ConnectException", REFUSED), outcomes);
        assertBackToBaseline(descriptors, threads);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1", "tcp://localhost", "tls://127.0.0.1", "tls://localhost"})
    void connectsThatTimeOutAgainstAFullBacklogLeaveNothingBehind(String target) throws Exception {
        try (SilentPort silent = SilentPort.on(InetAddress.ofLiteral("127.0.0.1"))) {
            Map<Integer, String> descriptors = OpenDescriptors.snapshot();
            int threads = ShuttleThreads.live();
            Map<String, Integer> outcomes = connectMany(TIMED_OUT, connector(target.substring(0, 3), Duration.ofMillis(100)),
                    target + ":" + silent.address().getPort());
            // By name, ::1 has no listener on that port: refused at once, then 127.0.0.1 times out.
            assertEquals(Map.of("SocketTimeoutException", TIMED_OUT), outcomes);
            assertBackToBaseline(descriptors, threads);
        }
    }

    @Test
    void interruptedConnectsLeaveNothingBehind() throws Exception {
        try (SilentPort silent = SilentPort.on(InetAddress.ofLiteral("127.0.0.1"))) {
            for (String target : List.of("tcp://127.0.0.1", "tcp://localhost", "tls://127.0.0.1", "tls://localhost")) {
                Map<Integer, String> descriptors = OpenDescriptors.snapshot();
                int threads = ShuttleThreads.live();
                Connector patient = connector(target.substring(0, 3), Duration.ofDays(1)); // only the interrupt ends it
                String uri = target + ":" + silent.address().getPort();
                Map<String, Integer> outcomes = new ConcurrentHashMap<>();
                AtomicInteger started = new AtomicInteger();
                for (int round = 0; round < INTERRUPTED / PARALLEL + 1; round++) {
                    List<Thread> batch = new ArrayList<>();
                    for (int i = 0; i < PARALLEL && started.get() < INTERRUPTED; i++) {
                        started.incrementAndGet();
                        batch.add(Thread.ofVirtual().start(() -> {
                            try {
                                patient.connect(uri).close();
                                outcomes.merge("connected", 1, Integer::sum);
                            } catch (IOException e) {
                                outcomes.merge(e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)
                                        ? "interrupted" : e.toString(), 1, Integer::sum);
                            }
                        }));
                    }
                    // Interrupt each once it waits in its connect.
                    for (Thread thread : batch) {
                        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                                .until(() -> thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING);
                        thread.interrupt();
                    }
                    for (Thread thread : batch) {
                        Bounded.join(thread);
                    }
                }
                assertEquals(Map.of("interrupted", INTERRUPTED), outcomes, target);
                assertBackToBaseline(descriptors, threads);
            }
        }
    }
}
