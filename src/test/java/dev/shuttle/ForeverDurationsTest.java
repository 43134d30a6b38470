package dev.shuttle;

import dev.shuttle.udp.UdpSocket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "For ever" ({@code ChronoUnit.FOREVER}, {@code Duration.ofSeconds(Long.MAX_VALUE)}) given to any
 * duration option or call saturates to "no limit" instead of overflowing into an
 * {@code ArithmeticException}, a time in the past, or a silent 24.8 days.
 */
@NetworkTest
class ForeverDurationsTest {
    private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();
    private static final Duration LONGEST = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    @Test
    void aServerWithTheLongestBackoffAndIdleTimeoutListensServesAndCloses() throws Exception {
        for (Duration forever : List.of(FOREVER, LONGEST)) {
            ServerOptions options = ServerOptions.builder().maxAcceptBackoff(forever).idleTimeout(forever).build();
            assertEquals(Duration.ZERO, options.idleTimeout(), "for ever is no idle timeout");
            try (Server server = Server.listen("tcp://127.0.0.1:0", options)) {
                Thread serving = Thread.ofVirtual().start(() -> {
                    try {
                        server.serve(connection -> connection.output().write(1));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                try (Connection client = Connector.tcp().connect(server.address().toString())) {
                    client.setReadTimeout(Duration.ofSeconds(10));
                    assertEquals(1, client.input().read());
                }
                server.shutdown(forever.compareTo(FOREVER) == 0 ? Duration.ofSeconds(5) : Duration.ofSeconds(5));
                server.close();
                assertTrue(serving.join(Duration.ofSeconds(10)));
            }
        }
    }

    @Test
    void theLongestConnectTimeoutAndAttemptDelayConnectAndFailAsUsual() throws Exception {
        for (Duration forever : List.of(FOREVER, LONGEST)) {
            Connector connector = Connector.create(ConnectorOptions.builder()
                    .connectTimeout(forever).clampAttemptDelay(false).connectionAttemptDelay(forever).build());
            int closedPort;
            try (Server server = Server.listen("tcp://127.0.0.1:0")) {
                try (Connection connection = connector.connect(server.address().toString());
                        Connection timed = connector.withTimeout(forever).connect(server.address().toString())) {
                    assertTrue(connection.isOpen() && timed.isOpen());
                }
                closedPort = server.address().port();
            }
            // localhost: two addresses, so the race schedules a next attempt after the delay.
            IOException refused = assertThrows(IOException.class,
                    () -> connector.connect("tcp://localhost:" + closedPort));
            assertTrue(refused instanceof ConnectException || refused.getMessage().contains("refused"), refused::toString);
        }
    }

    @Test
    void theLongestReadWriteAndReceiveTimeoutsAreNone() throws Exception {
        try (Server server = Server.listen("tcp://127.0.0.1:0");
                Connection connection = Connector.tcp().connect(server.address().toString());
                UdpSocket udp = UdpSocket.connect("udp://127.0.0.1:9")) {
            for (Duration forever : List.of(FOREVER, LONGEST, Duration.ofMillis(Integer.MAX_VALUE))) {
                connection.setReadTimeout(forever);
                connection.setWriteTimeout(forever);
                assertEquals(Duration.ZERO, connection.readTimeout());
                assertEquals(Duration.ZERO, connection.writeTimeout());
                udp.setReceiveTimeout(forever);
            }
        }
    }
}
