package dev.shuttle.internal.race;

import dev.shuttle.internal.address.AddressSorter;
import dev.shuttle.testing.FakeConnection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.Connection;
import dev.shuttle.ConnectListener;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A faulty resolver or listener (user code) can neither hang a connect nor leak its connection. */
@Timeout(30)
class FaultyCallbacksTest {
    private static final RaceSettings FAST = new RaceSettings(true, Duration.ofMillis(50), Duration.ofMillis(250), 1);

    private static final ConnectListener THROWING = new ConnectListener() {
        @Override
        public void lookupStarted(Endpoint endpoint, StandardProtocolFamily family) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void attemptStarted(Endpoint endpoint, InetSocketAddress address) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void attemptSucceeded(Endpoint endpoint, InetSocketAddress address) {
            throw new IllegalStateException("listener bug");
        }
    };

    private static HappyEyeballsConnector connector(FamilyLookup lookup, ConnectListener listener) {
        return new HappyEyeballsConnector(Scheme.TCP, lookup, requested -> FakeConnection::new, FAST,
                new AddressSorter(destination -> destination), Ticker.SYSTEM, listener);
    }

    @Test
    void aResolverThrowingUncheckedFailsTheConnectWithItsException() {
        FamilyLookup broken = (host, family) -> {
            throw new IllegalStateException("resolver bug");
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> connector(broken, ConnectListener.NONE).connect("tcp://example.com:80"));
        assertEquals("resolver bug", e.getMessage());
    }

    @Test
    void aResolverAnsweringNullForOneFamilyDoesNotStopTheOther() throws Exception {
        FamilyLookup halfBroken = (host, family) ->
                family == StandardProtocolFamily.INET6 ? null : List.of(InetAddress.ofLiteral("192.0.2.1"));
        try (Connection connection = connector(halfBroken, ConnectListener.NONE).connect("tcp://example.com:80")) {
            assertEquals("tcp://192.0.2.1:80", connection.remoteAddress().toString());
        }
    }

    @Test
    void aThrowingListenerIsIgnoredDuringARace() throws Exception {
        FamilyLookup lookup = (host, family) -> List.of(InetAddress.ofLiteral(
                family == StandardProtocolFamily.INET6 ? "2001:db8::1" : "192.0.2.1"));
        try (Connection connection = connector(lookup, THROWING).connect("tcp://example.com:80")) {
            assertFalse(((FakeConnection) connection).closed());
        }
    }

    @Test
    void aThrowingListenerIsIgnoredForAnIpLiteral() throws Exception {
        try (Connection connection = connector((host, family) -> List.of(), THROWING).connect("tcp://192.0.2.7:80")) {
            assertEquals("tcp://192.0.2.7:80", connection.remoteAddress().toString());
            assertFalse(((FakeConnection) connection).closed());
        }
    }
}
