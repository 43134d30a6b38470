package dev.shuttle.internal.proxyprotocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.ProxyHeader;
import dev.shuttle.ProxyProtocol;
import dev.shuttle.internal.io.ForwardingConnection;
import dev.shuttle.testing.FakeConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The optional header, on a connection whose every read returns one byte: the reader decides on
 * the bytes that have arrived, never asks for more than it needs to, gives back every byte it read
 * when there is no header, and is bounded by the header deadline when the bytes stay ambiguous.
 */
class OptionalHeaderReaderTest {
    private final AtomicLong now = new AtomicLong();

    /** A peer that sends its bytes one per read, then either closes or goes silent. */
    private final class Trickle extends ForwardingConnection {
        private final byte[] bytes;
        private final boolean thenSilent;
        private Duration timeout = Duration.ofSeconds(42);
        int at;

        Trickle(String uri, byte[] bytes, boolean thenSilent) {
            super(new FakeConnection(uri));
            this.bytes = bytes;
            this.thenSilent = thenSilent;
        }

        @Override
        public InputStream input() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (at == bytes.length) {
                        if (thenSilent) {
                            now.addAndGet(timeout.toNanos());
                            throw new SocketTimeoutException("Read timed out");
                        }
                        return -1;
                    }
                    now.addAndGet(Duration.ofMillis(10).toNanos());
                    b[off] = bytes[at++];
                    return 1;
                }
            };
        }

        @Override
        public void setReadTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public Duration readTimeout() {
            return timeout;
        }
    }

    private Trickle trickle(String text, boolean thenSilent) {
        return new Trickle("tcp://127.0.0.1:4000", text.getBytes(StandardCharsets.ISO_8859_1), thenSilent);
    }

    private ProxyHeaderReader reader(boolean optional) {
        return new ProxyHeaderReader(ProxyProtocol.builder().trust("127.0.0.1").headerTimeout(Duration.ofSeconds(1))
                .headerOptional(optional).build(), now::get);
    }

    private static String rest(Connection connection) throws IOException {
        return new String(connection.input().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void bytesThatCannotStartASignatureAreGivenBackAfterTheFirstThatDiffers() throws IOException {
        for (String[] c : new String[][] {
            {"GET / HTTP/1.1\r\n\r\n", "1"}, {"PROPFIND /dav HTTP/1.1\r\n", "4"}, {"PROXY\r\n", "6"},
            {"\r\n\r\n\0\r\nQUIX", "11"}, {"\u0016\u0003\u0001\u0000", "1"}, {"X", "1"},
        }) {
            Trickle connection = trickle(c[0], false);
            ProxyHeaderReader.Outcome outcome = reader(true).accept(connection);
            assertNull(outcome.header(), c[0]);
            assertEquals(Integer.parseInt(c[1]), connection.at, "read only up to the first byte that differs: " + c[0]);
            assertEquals(c[0], rest(outcome.connection()), "every byte given back, in order");
            assertEquals(connection.remoteAddress(), outcome.connection().remoteAddress());
            assertEquals(Duration.ofSeconds(42), outcome.connection().readTimeout(), "read timeout put back");
        }
    }

    @Test
    void aStreamEndingInsideTheSignatureHasNoHeaderAndKeepsItsBytes() throws IOException {
        for (String text : new String[] {"", "P", "PROXY", "\r\n\r\n\0"}) {
            ProxyHeaderReader.Outcome outcome = reader(true).accept(trickle(text, false));
            assertNull(outcome.header());
            assertEquals(text, rest(outcome.connection()));
            assertEquals(-1, outcome.connection().input().read(), "and the end of the stream stays");
        }
    }

    @Test
    void aHeaderArrivingAByteAtATimeIsReadAndNothingAfterIt() throws IOException {
        String header = "PROXY TCP4 203.0.113.7 127.0.0.1 56324 443\r\n";
        Trickle connection = trickle(header + "hello", false);
        ProxyHeaderReader.Outcome outcome = reader(true).accept(connection);
        ProxyHeader read = outcome.header();
        assertEquals("tcp://203.0.113.7:56324", read.client().orElseThrow().toString());
        assertEquals(header.length(), connection.at, "not a byte past the header");
        assertSame(connection, outcome.connection());
        assertEquals("hello", rest(outcome.connection()));
    }

    @Test
    void aV2HeaderIsReadWhenOptional() throws IOException {
        byte[] v2 = ProxyHeaderParserTest.v2(0x21, 0x11, new byte[] {(byte) 203, 0, 113, 7, 127, 0, 0, 1, (byte) 0xDC, 0x04, 1, (byte) 0xBB},
                new byte[0]);
        Trickle connection = new Trickle("tcp://127.0.0.1:4000", v2, false);
        ProxyHeaderReader.Outcome outcome = reader(true).accept(connection);
        assertEquals("tcp://203.0.113.7:56324", outcome.header().client().orElseThrow().toString());
        assertEquals(v2.length, connection.at);
    }

    @Test
    void aFullSignatureCommitsToAHeaderThatIsCheckedStrictly() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> reader(true).accept(trickle("PROXY TCP4 127.1 127.0.0.1 1 2\r\n", false)));
        assertTrue(e.getMessage().contains("invalid IPv4 address '127.1'"), e.getMessage());
    }

    @Test
    void aPeerSilentAfterTheStartOfASignatureIsCutOffAtTheHeaderDeadline() {
        for (String text : new String[] {"", "P", "PROX", "\r\n\r\n"}) {
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                    () -> reader(true).accept(trickle(text, true)), text);
            assertTrue(e.getMessage().startsWith("Connection from tcp://127.0.0.1:4000 sent "), e.getMessage());
            assertTrue(e.getMessage().contains("PROXY protocol header"), "counted as a PROXY failure: " + e.getMessage());
            assertTrue(e.getMessage().endsWith("within 1.0 seconds"), e.getMessage());
        }
    }

    @Test
    void anUntrustedPeerIsRefusedBeforeAByteIsReadEvenWhenOptional() {
        Trickle connection = new Trickle("tcp://192.0.2.9:4000", "GET /".getBytes(StandardCharsets.US_ASCII), false);
        assertThrows(ConnectException.class, () -> reader(true).accept(connection));
        assertEquals(0, connection.at);
    }

    @Test
    void aRequiredHeaderIsStillRequired() {
        assertThrows(ProtocolException.class, () -> reader(false).accept(trickle("GET / HTTP/1.1\r\n\r\n", false)));
        assertThrows(java.io.EOFException.class, () -> reader(false).accept(trickle("PRO", false)));
    }
}
