package dev.shuttle.internal.combinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.ConnectListener;
import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Connectors;
import dev.shuttle.Scheme;
import dev.shuttle.internal.address.AddressSorter;
import dev.shuttle.internal.race.FamilyLookup;
import dev.shuttle.internal.race.HappyEyeballsConnector;
import dev.shuttle.internal.race.RaceSettings;
import dev.shuttle.internal.race.Ticker;
import dev.shuttle.testing.FakeConnection;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A name whose DNS answers change from one lookup to the next (DNS rebinding) cannot get a denied
 * address past the rules: the selective connector never resolves the name itself, and the race
 * checks each address just before its attempt, so the attempt only ever sees addresses the rules
 * allow. In process: a scripted resolver and a network of fake connections.
 */
class SelectiveRebindingTest {
    private static final RaceSettings FAST = new RaceSettings(true, Duration.ofMillis(1), Duration.ofMillis(1), 1);

    private final List<InetSocketAddress> attempted = new CopyOnWriteArrayList<>();
    private final AtomicInteger lookups = new AtomicInteger();

    /** Public addresses for one connect (its AAAA and A lookups), loopback for the next, and so on. */
    private final FamilyLookup rebinding = (host, family) -> {
        boolean loopback = (lookups.incrementAndGet() - 1) / 2 % 2 == 1;
        return family == StandardProtocolFamily.INET6
                ? List.of(InetAddress.ofLiteral(loopback ? "::1" : "2001:db8::1"))
                : List.of(InetAddress.ofLiteral(loopback ? "127.0.0.1" : "192.0.2.1"));
    };

    private Connector race(FamilyLookup lookup) {
        return new HappyEyeballsConnector(Scheme.TCP, lookup, requested -> address -> {
            attempted.add(address);
            return new FakeConnection(address);
        }, FAST, new AddressSorter(destination -> destination), Ticker.SYSTEM, ConnectListener.NONE);
    }

    private Connector acl(Connector routed) {
        return Connectors.selective()
                .route("127.*", Connectors.reject("loopback is not allowed"))
                .route("[::1]", Connectors.reject("loopback is not allowed"))
                .route("*", routed)
                .build();
    }

    @Test
    void noAttemptEverSeesADeniedAddressWhateverTheResolverAnswers() throws IOException {
        Connector acl = acl(race(rebinding).withTimeout(Duration.ofSeconds(10)));
        int connected = 0;
        int denied = 0;
        for (int i = 0; i < 40; i++) {
            try (Connection connection = acl.connect("tcp://rebind.test:80")) {
                connected++;
            } catch (ConnectException e) {
                denied++;
            }
        }
        for (InetSocketAddress address : attempted) {
            assertFalse(address.getAddress().isLoopbackAddress(), "an attempt to " + address);
        }
        assertEquals(40, connected + denied);
        assertEquals(20, connected, "the lookups that answered public addresses");
    }

    @Test
    void aNameResolvingToDeniedAddressesOnlyNeverReachesAnAttempt() {
        FamilyLookup loopback = (host, family) -> List.of(InetAddress.ofLiteral(
                family == StandardProtocolFamily.INET6 ? "::1" : "127.0.0.1"));
        ConnectException e = assertThrows(ConnectException.class, () -> acl(race(loopback)).connect("tcp://rebind.test:80"));
        assertEquals(2, e.getSuppressed().length);
        assertEquals(List.of(), attempted);
    }
}
