package dev.shuttle.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.Endpoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutsTest {
    @Test
    void formatsSecondsWithOneDecimal() {
        assertEquals("3.0 seconds", Timeouts.seconds(Duration.ofSeconds(3)));
        assertEquals("0.5 seconds", Timeouts.seconds(Duration.ofMillis(500)));
        assertEquals("90.0 seconds", Timeouts.seconds(Duration.ofSeconds(90)));
        assertEquals("0.05 seconds", Timeouts.seconds(Duration.ofMillis(50)));
        assertEquals("0.001 seconds", Timeouts.seconds(Duration.ofMillis(1)));
    }

    @Test
    void aTimeoutBeyondWhatSoTimeoutHoldsIsForEver() {
        assertEquals(0, Timeouts.millis("t", Duration.ofSeconds(Long.MAX_VALUE)));
        assertEquals(0, Timeouts.millis("t", java.time.temporal.ChronoUnit.FOREVER.getDuration()));
        assertEquals(0, Timeouts.millis("t", Duration.ofMillis(Integer.MAX_VALUE)));
        assertEquals(Integer.MAX_VALUE - 1, Timeouts.millis("t", Duration.ofMillis(Integer.MAX_VALUE - 1L)));
        assertEquals(1, Timeouts.millis("t", Duration.ofNanos(1)));
        assertEquals(0, Timeouts.millis("t", Duration.ZERO));
    }

    @Test
    void wordsAConnectTimeoutWithTheUriAndTheSeconds() {
        assertEquals("Connection to tcp://example.com:80 timed out after 2.5 seconds",
                Timeouts.connectTimedOut(Endpoint.parse("example.com:80"), Duration.ofMillis(2500)).getMessage());
    }
}
