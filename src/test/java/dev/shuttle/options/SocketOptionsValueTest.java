package dev.shuttle.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ServerOptions;
import dev.shuttle.SocketOptions;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The tunable socket options are an immutable value, checked when built, naming what is wrong. */
class SocketOptionsValueTest {

    @Test
    void everySettingTakesPartInEqualsHashCodeAndToString() {
        SocketOptions a = tuned().build();
        SocketOptions b = tuned().build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a, a.toBuilder().build());
        String text = a.toString();
        for (String part : new String[] {"keepAliveIdle=PT30S", "keepAliveInterval=PT5S", "keepAliveCount=4",
                "linger=PT2S", "trafficClass=16", "SO_REUSEPORT=true"}) {
            assertTrue(text.contains(part), text + " should contain " + part);
        }
        assertNotEquals(a, tuned().keepAliveCount(5).build());
        assertNotEquals(a, tuned().linger(null).build());
        assertNotEquals(a, tuned().trafficClass(8).build());
        assertNotEquals(a, tuned().option(StandardSocketOptions.SO_REUSEPORT, false).build());
        assertEquals(Duration.ofSeconds(30), a.keepAliveIdle().orElseThrow());
        assertEquals(true, a.options().get(StandardSocketOptions.SO_REUSEPORT));
    }

    @Test
    void defaultsSetNothingExtra() {
        SocketOptions defaults = SocketOptions.defaults();
        assertTrue(defaults.keepAliveIdle().isEmpty());
        assertTrue(defaults.linger().isEmpty());
        assertTrue(defaults.trafficClass().isEmpty());
        assertTrue(defaults.options().isEmpty());
    }

    @Test
    void keepAliveTuningWithoutKeepAliveIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SocketOptions.builder().keepAliveIdle(Duration.ofSeconds(30)).build());
        assertTrue(e.getMessage().contains("keepAliveIdle") && e.getMessage().contains("keepAlive(true)"), e.getMessage());
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheOption() {
        assertMessage("keepAliveIdle", () -> SocketOptions.builder().keepAliveIdle(Duration.ofMillis(500)));
        assertMessage("keepAliveInterval", () -> SocketOptions.builder().keepAliveInterval(Duration.ZERO));
        assertMessage("keepAliveCount", () -> SocketOptions.builder().keepAliveCount(-1));
        assertMessage("keepAliveCount", () -> SocketOptions.builder().keepAliveCount(128));
        assertMessage("linger", () -> SocketOptions.builder().linger(Duration.ofSeconds(-1)));
        assertMessage("trafficClass", () -> SocketOptions.builder().trafficClass(256));
    }

    @Test
    void aGenericOptionOfTheWrongTypeIsRefused() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        SocketOption<Object> raw = (SocketOption) StandardSocketOptions.SO_RCVBUF;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SocketOptions.builder().option(raw, "big"));
        assertTrue(e.getMessage().contains("SO_RCVBUF") && e.getMessage().contains("Integer"), e.getMessage());
    }

    @Test
    void aGenericOptionTcpSocketsDoNotSupportIsRefusedAtBuild() {
        // A multicast option belongs to datagram sockets: a TCP socket would never take it.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SocketOptions.builder().option(StandardSocketOptions.IP_MULTICAST_LOOP, true).build());
        assertTrue(e.getMessage().contains("IP_MULTICAST_LOOP") && e.getMessage().contains("not supported"), e.getMessage());
    }

    @Test
    void aListenerOptionTheListeningSocketDoesNotSupportIsRefusedAtBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.builder().listenerOption(StandardSocketOptions.TCP_NODELAY, true).build());
        assertTrue(e.getMessage().contains("TCP_NODELAY") && e.getMessage().contains("listening"), e.getMessage());
        ServerOptions ok = ServerOptions.builder().listenerOption(StandardSocketOptions.SO_RCVBUF, 1 << 16).build();
        assertEquals(1 << 16, ok.listenerOptions().get(StandardSocketOptions.SO_RCVBUF));
    }

    private static SocketOptions.Builder tuned() {
        return SocketOptions.builder().keepAlive(true).keepAliveIdle(Duration.ofSeconds(30))
                .keepAliveInterval(Duration.ofSeconds(5)).keepAliveCount(4).linger(Duration.ofSeconds(2))
                .trafficClass(16).option(StandardSocketOptions.SO_REUSEPORT, true);
    }

    private static void assertMessage(String option, org.junit.jupiter.api.function.Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(e.getMessage().contains(option), e.getMessage());
    }
}
