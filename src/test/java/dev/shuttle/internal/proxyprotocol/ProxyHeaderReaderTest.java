package dev.shuttle.internal.proxyprotocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.ProxyHeader;
import dev.shuttle.ProxyProtocol;
import dev.shuttle.internal.io.ForwardingConnection;
import dev.shuttle.testing.FakeConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The header deadline on a controlled clock: it bounds the whole header, so a peer that sends a
 * byte just inside each read timeout is still cut off; the connection's read timeout is put back.
 */
class ProxyHeaderReaderTest {
    private final AtomicLong now = new AtomicLong();
    private final List<Duration> readTimeouts = new ArrayList<>();

    /** A connection whose every read returns one byte, after the clock moved on by {@code step}. */
    private Connection trickling(String text, Duration step) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return new ForwardingConnection(new FakeConnection("tcp://127.0.0.1:4000")) {
            private Duration timeout = Duration.ofSeconds(42);
            private int at;

            @Override
            public InputStream input() {
                return new InputStream() {
                    @Override
                    public int read() {
                        throw new AssertionError("the reader reads arrays");
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (step.compareTo(timeout) >= 0) {
                            now.addAndGet(timeout.toNanos());
                            throw new SocketTimeoutException("Read timed out");
                        }
                        now.addAndGet(step.toNanos());
                        b[off] = bytes[at++];
                        return 1;
                    }
                };
            }

            @Override
            public void setReadTimeout(Duration timeout) {
                readTimeouts.add(timeout);
                this.timeout = timeout;
            }

            @Override
            public Duration readTimeout() {
                return timeout;
            }
        };
    }

    private ProxyHeaderReader reader() {
        return new ProxyHeaderReader(ProxyProtocol.builder().trust("127.0.0.1").headerTimeout(Duration.ofSeconds(1)).build(),
                now::get);
    }

    @Test
    void aPeerTricklingBytesInsideEachReadTimeoutIsCutOffAtTheHeaderDeadline() {
        Connection connection = trickling("PROXY TCP4 203.0.113.7 127.0.0.1 1 2\r\n", Duration.ofMillis(100));
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> reader().read(connection));
        assertEquals("Connection from tcp://127.0.0.1:4000 sent no complete PROXY protocol header within 1.0 seconds",
                e.getMessage());
        assertTrue(now.get() <= Duration.ofMillis(1100).toNanos(), "gave up at " + now.get() / 1_000_000 + " ms");
        assertTrue(readTimeouts.getLast().compareTo(Duration.ofMillis(100)) <= 0,
                "each read waits only for what is left: " + readTimeouts);
    }

    @Test
    void aPromptHeaderIsReadAndTheReadTimeoutPutBack() throws IOException {
        Connection connection = trickling("PROXY TCP4 203.0.113.7 127.0.0.1 1 2\r\n", Duration.ofMillis(1));
        ProxyHeader header = reader().read(connection);
        assertEquals("tcp://203.0.113.7:1", header.client().orElseThrow().toString());
        assertEquals("tcp://127.0.0.1:4000", header.proxy().toString());
        assertEquals(Duration.ofSeconds(42), readTimeouts.getLast());
    }

    @Test
    void aSilentPeerTimesOutAfterOneReadTimeout() {
        Connection connection = trickling("PROXY TCP4 203.0.113.7 127.0.0.1 1 2\r\n", Duration.ofSeconds(5));
        assertThrows(SocketTimeoutException.class, () -> reader().read(connection));
        assertEquals(Duration.ofSeconds(1).toNanos(), now.get());
    }
}
