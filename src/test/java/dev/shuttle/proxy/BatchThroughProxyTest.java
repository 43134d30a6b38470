package dev.shuttle.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.batch.Batch;
import dev.shuttle.batch.BatchOptions;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.PeerServer;
import dev.shuttle.internal.io.ForwardingConnection;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A batch whose requests go through a SOCKS5 proxy connector: many requests, at most the batch's
 * concurrency of tunnels open at once, and a proxy that stalls one request (never answering it, or
 * opening a tunnel that carries nothing) times out that request alone, on its own timeout.
 */
@NetworkTest
class BatchThroughProxyTest {
    private static final int REQUESTS = 60;
    private static final int CONCURRENCY = 6;

    @Test
    void manyRequestsGoThroughTheProxyWithinTheConcurrencyLimit() throws Exception {
        try (PeerServer target = PeerServer.start("tcp://127.0.0.1:0", PeerServer.numberedEcho());
                RelayProxy proxy = RelayProxy.socks(Endpoint.parse(target.uri()).port())) {
            AtomicInteger open = new AtomicInteger();
            AtomicInteger mostOpen = new AtomicInteger();
            Connector counted = endpoint -> {
                mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                try {
                    return new ForwardingConnection(Connector.tcp().connect(endpoint)) {
                        private final AtomicBoolean closed = new AtomicBoolean();

                        @Override
                        public void close() {
                            if (closed.compareAndSet(false, true)) {
                                open.decrementAndGet();
                            }
                            super.close();
                        }
                    };
                } catch (IOException | RuntimeException e) {
                    open.decrementAndGet();
                    throw e;
                }
            };
            Connector viaProxy = ProxyConnectors.through("socks5://127.0.0.1:" + proxy.port(), counted);
            List<Batch.Request<String>> done;
            try (Batch<String> batch = Batch.open(viaProxy, BatchOptions.builder().concurrency(CONCURRENCY)
                    .readTimeout(Duration.ofSeconds(10)).build())) {
                for (int i = 0; i < REQUESTS; i++) {
                    String line = "request " + i;
                    batch.submit("tcp://host" + i + ".test:80", connection -> PeerServer.ask(connection, line));
                }
                done = batch.join(Duration.ofSeconds(60));
            }
            for (int i = 0; i < REQUESTS; i++) {
                Batch.Request<String> request = done.get(i);
                assertEquals(Future.State.SUCCESS, request.state(), () -> request.endpoint() + ": " + request.exceptionNow());
                assertTrue(request.resultNow().endsWith(":request " + i), request.resultNow());
            }
            assertEquals(REQUESTS, proxy.asked.size());
            assertTrue(proxy.asked.contains("host17.test:80"), "names went to the proxy: " + proxy.asked);
            assertTrue(mostOpen.get() <= CONCURRENCY, "connections to the proxy open at once: " + mostOpen.get());
            assertTrue(mostOpen.get() > 1, "the requests ran side by side: " + mostOpen.get());
            assertEquals(0, open.get(), "every tunnel closed");
        }
    }

    @Test
    void aRequestTheProxyStallsTimesOutAloneOnItsOwnTimeouts() throws Exception {
        try (PeerServer target = PeerServer.start("tcp://127.0.0.1:0", PeerServer.numberedEcho());
                RelayProxy proxy = RelayProxy.socks(Endpoint.parse(target.uri()).port(), asked -> switch (asked) {
                    case "stalled.test:80" -> RelayProxy.Mode.STALL_REQUEST;
                    case "mute.test:80" -> RelayProxy.Mode.STALL_TUNNEL;
                    default -> RelayProxy.Mode.RELAY;
                })) {
            // The proxy connector's own timeout is long: the batch's per-request deadline (a stalled
            // proxy answer) and read timeout (a mute tunnel) must decide.
            Connector viaProxy = ProxyConnectors.through("socks5://127.0.0.1:" + proxy.port(), Connector.tcp(),
                    ProxyOptions.builder().connectTimeout(Duration.ofMinutes(5)).build());
            List<Batch.Request<String>> done;
            long start = System.nanoTime();
            try (Batch<String> batch = Batch.open(viaProxy, BatchOptions.builder().concurrency(4)
                    .requestTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofMillis(500)).build())) {
                for (int i = 0; i < 20; i++) {
                    String host = i == 3 ? "stalled.test" : i == 11 ? "mute.test" : "host" + i + ".test";
                    String line = "request " + i;
                    batch.submit("tcp://" + host + ":80", connection -> PeerServer.ask(connection, line));
                }
                done = batch.join(Duration.ofSeconds(60));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            for (int i = 0; i < 20; i++) {
                Batch.Request<String> request = done.get(i);
                if (i == 3 || i == 11) {
                    assertEquals(Future.State.FAILED, request.state(), request.endpoint().toString());
                    assertInstanceOf(SocketTimeoutException.class, request.exceptionNow(), request.endpoint().toString());
                } else {
                    assertEquals(Future.State.SUCCESS, request.state(), () -> request.endpoint() + ": " + request.exceptionNow());
                    assertTrue(request.resultNow().endsWith(":request " + i), request.resultNow());
                }
            }
            assertTrue(done.get(3).exceptionNow().getMessage().contains("stalled.test"), done.get(3).exceptionNow().getMessage());
            assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "bounded by the requests' timeouts: " + took);
        }
    }
}
