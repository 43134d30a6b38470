package dev.shuttle.internal.race;

import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.ConnectListener;
import dev.shuttle.Scheme;
import dev.shuttle.SocketOptions;
import dev.shuttle.internal.address.AddressSorter;
import dev.shuttle.internal.connector.RaceAttempts;
import dev.shuttle.internal.tcp.TcpConnector;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.OpenDescriptors;
import dev.shuttle.testing.SilentPort;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real race on loopback, with the default connector's attempts: a name whose IPv6 address
 * ({@code ::1}) silently drops SYNs and whose IPv4 address ({@code 127.0.0.1}) serves, on the
 * same port. The IPv6 attempt is begun without waiting and finished by a task; the IPv4 one
 * connects at once.
 */
@NetworkTest
class LoopbackRaceTest {
    private static final FamilyLookup DUAL = (host, family) -> List.of(InetAddress.ofLiteral(
            family == StandardProtocolFamily.INET6 ? "::1" : "127.0.0.1"));

    private SilentPort silentIpv6;
    private ServerSocket ipv4;
    private Thread acceptor;
    private final AtomicInteger accepted = new AtomicInteger();

    @BeforeEach
    void openPorts() throws IOException {
        for (int tries = 0; ipv4 == null; tries++) {
            silentIpv6 = SilentPort.on(InetAddress.ofLiteral("::1"));
            try {
                ipv4 = new ServerSocket(silentIpv6.address().getPort(), 1024, InetAddress.ofLiteral("127.0.0.1"));
            } catch (BindException taken) {
                silentIpv6.close();
                if (tries == 10) {
                    throw taken;
                }
            }
        }
        acceptor = Thread.ofVirtual().start(() -> {
            while (true) {
                try {
                    ipv4.accept().close();
                    accepted.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void closePorts() throws Exception {
        ipv4.close();
        Bounded.join(acceptor);
        silentIpv6.close();
    }

    private HappyEyeballsConnector connector(Duration attemptDelay) {
        TcpConnector tcp = new TcpConnector(SocketOptions.defaults());
        return new HappyEyeballsConnector(Scheme.TCP, DUAL,
                requested -> RaceAttempts.tcp(tcp),
                new RaceSettings(true, Duration.ofMillis(50), attemptDelay, 1),
                AddressSorter.system(), Ticker.SYSTEM, ConnectListener.NONE);
    }

    private String uri() {
        return "tcp://dual.test:" + ipv4.getLocalPort();
    }

    @Test
    void connectFallsBackToIpv4WhenIpv6IsSilent() throws IOException {
        long start = System.nanoTime();
        try (Connection connection = connector(Duration.ofMillis(250)).connect(uri())) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("tcp://127.0.0.1:" + ipv4.getLocalPort(), connection.remoteAddress().toString());
            // About one attempt delay; generous bounds for a loaded machine.
            assertTrue(millis >= 240 && millis < 3_000, "connected after " + millis + " ms");
        }
    }

    @Test
    void aThousandRacesLeaveNoSocketOrThreadBehind() throws Exception {
        Map<Integer, String> before = OpenDescriptors.snapshot();
        HappyEyeballsConnector connector = connector(Duration.ofMillis(10));
        // One race alone first: twenty threads loading the same classes at once pin while they wait.
        connector.connect(uri()).close();
        AtomicInteger won = new AtomicInteger(1);
        List<Thread> racers = new ArrayList<>();
        for (int r = 0; r < 20; r++) {
            int racer = r;
            racers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < (racer == 0 ? 49 : 50); i++) {
                    try (Connection connection = connector.connect(uri())) {
                        if (connection.remoteAddress().host().equals("127.0.0.1")) {
                            won.incrementAndGet();
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        for (Thread racer : racers) {
            assertTrue(racer.join(Duration.ofSeconds(120)), "races did not finish");
        }
        assertEquals(1000, won.get());
        org.awaitility.Awaitility.await().until(() -> accepted.get() >= 1000);
        // The leak check after the test proves the rest; this says it in the test's own words.
        org.awaitility.Awaitility.await().until(() -> OpenDescriptors.since(before).isEmpty());
    }
}
