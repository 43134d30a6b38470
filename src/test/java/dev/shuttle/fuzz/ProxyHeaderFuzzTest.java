package dev.shuttle.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shuttle.Connection;
import dev.shuttle.ProxyProtocol;
import dev.shuttle.internal.io.ForwardingConnection;
import dev.shuttle.internal.proxyprotocol.ParsedHeader;
import dev.shuttle.internal.proxyprotocol.ProxyHeaderParser;
import dev.shuttle.internal.proxyprotocol.ProxyHeaderReader;
import dev.shuttle.internal.proxyprotocol.ProxyHeaderWriter;
import dev.shuttle.testing.FakeConnection;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzes the PROXY protocol header parser, which reads bytes from peers before anything else.
 *
 * <p>Invariants: a header the writer made (v1 or v2, IPv4 or IPv6, any ports) parses back to the
 * same client and destination. On mutants of real headers and on random bytes, the parser either
 * returns a header or throws {@link ProtocolException} or {@link EOFException}, nothing else; it
 * never reads a byte past the header it returns nor more than the maximum length, and what it
 * allocates stays bounded whatever length the bytes announce. With the header optional, bytes
 * without a signature are given back whole.
 */
class ProxyHeaderFuzzTest {
    private static final int MAX = 4096;

    @Provide
    Arbitrary<byte[]> addresses() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(4),
                Arbitraries.bytes().array(byte[].class).ofSize(16));
    }

    @FuzzTarget
    void writtenHeadersReadBack(@ForAll("addresses") byte[] from, @ForAll("addresses") byte[] to,
            @ForAll @IntRange(min = 0, max = 65535) int fromPort, @ForAll @IntRange(min = 0, max = 65535) int toPort,
            @ForAll @IntRange(min = 1, max = 2) int version) throws IOException {
        InetSocketAddress source = new InetSocketAddress(address(from), fromPort);
        InetSocketAddress destination = new InetSocketAddress(address(to), toPort);
        byte[] header = ProxyHeaderWriter.header(version, source, destination);
        Feed feed = new Feed(header, true);
        ParsedHeader parsed = ProxyHeaderParser.read(feed::readFully, MAX);
        assertEquals(header.length, parsed.length());
        assertEquals(header.length, feed.at);
        assertEquals(source, parsed.source());
        assertEquals(destination, parsed.destination());
    }

    @Provide
    Arbitrary<byte[]> headers() {
        List<byte[]> seeds = List.of(
                ascii("PROXY TCP4 203.0.113.7 192.0.2.1 56324 443\r\n"),
                ascii("PROXY TCP6 2001:db8::7 ::ffff:127.0.0.1 65535 0\r\n"),
                ascii("PROXY UNKNOWN\r\n"),
                HexFormat.of().parseHex("0d0a0d0a000d0a515549540a" + "2111001c" + "cb007107c0000201dc0401bb"
                        + "0100026832" + "020008" + HexFormat.of().formatHex(ascii("app.test"))),
                HexFormat.of().parseHex("0d0a0d0a000d0a515549540a" + "20000000"),
                HexFormat.of().parseHex("0d0a0d0a000d0a515549540a" + "21210024" + "00".repeat(36)),
                HexFormat.of().parseHex("0d0a0d0a000d0a515549540a" + "2111001b" + "00".repeat(12) + "20000c"
                        + "0500000000" + "210007" + HexFormat.of().formatHex(ascii("TLSv1.3"))));
        return Arbitraries.oneOf(Mutations.of(seeds), Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
    }

    @FuzzTarget
    void bytesAreAHeaderOrRefusedNeverMore(@ForAll("headers") byte[] bytes, @ForAll boolean trickle) {
        parseOnce(bytes, trickle); // warm: the first run of a path loads classes
        long allocated = AllocationMeter.bytesAllocatedBy(() -> parseOnce(bytes, trickle));
        assertTrue(allocated < 32 * 1024 + 4L * bytes.length, "allocated " + allocated + " bytes");
    }

    private static void parseOnce(byte[] bytes, boolean trickle) {
        Feed feed = new Feed(bytes, trickle);
        try {
            ParsedHeader parsed = ProxyHeaderParser.read(feed::readFully, MAX);
            assertEquals(feed.at, parsed.length(), "read exactly the header");
            assertTrue(parsed.length() <= MAX);
        } catch (ProtocolException | EOFException expected) {
            assertTrue(feed.at <= MAX);
        } catch (Throwable other) {
            fail("unexpected " + other + " for " + HexFormat.of().formatHex(bytes), other);
        }
    }

    @FuzzTarget
    void anyLengthFieldIsBoundedByTheMaximum(@ForAll @Size(max = 40) byte[] tail, @ForAll @IntRange(min = 0, max = 65535) int length) {
        byte[] header = HexFormat.of().parseHex("0d0a0d0a000d0a515549540a2111");
        byte[] bytes = java.util.Arrays.copyOf(header, header.length + 2 + tail.length);
        bytes[14] = (byte) (length >> 8);
        bytes[15] = (byte) length;
        System.arraycopy(tail, 0, bytes, 16, tail.length);
        Feed feed = new Feed(bytes, false);
        try {
            ProxyHeaderParser.read(feed::readFully, MAX);
            assertTrue(length <= tail.length);
        } catch (ProtocolException | EOFException expected) {
            assertTrue(feed.at <= Math.min(bytes.length, MAX));
        } catch (IOException e) {
            fail(e);
        }
    }

    /**
     * The optional header, on any bytes arriving in any chunks: bytes that start with a whole v1
     * or v2 signature are a header (or refused as the parser refuses them); any others are given
     * back, every one and in order, ahead of the rest of the stream.
     */
    @FuzzTarget
    void anOptionalHeaderIsReadOrEveryByteIsGivenBack(@ForAll("headers") byte[] bytes,
            @ForAll @Size(max = 4) List<@IntRange(min = 1, max = 16) Integer> chunks) throws IOException {
        ChunkedInput input = new ChunkedInput(bytes, chunks, List.of());
        Connection connection = new ForwardingConnection(new FakeConnection("tcp://127.0.0.1:4000")) {
            @Override
            public java.io.InputStream input() {
                return input;
            }

            @Override
            public void setReadTimeout(java.time.Duration timeout) {}
        };
        ProxyHeaderReader reader = new ProxyHeaderReader(
                ProxyProtocol.builder().trust("127.0.0.1").headerOptional(true).build(), () -> 0L);
        boolean signature = startsWith(bytes, ascii("PROXY ")) || startsWith(bytes, HexFormat.of().parseHex("0d0a0d0a000d0a515549540a"));
        ProxyHeaderReader.Outcome outcome;
        try {
            outcome = reader.accept(connection);
        } catch (ProtocolException | EOFException refused) {
            assertTrue(signature, "refused bytes without a signature: " + refused);
            return;
        }
        byte[] rest = outcome.connection().input().readAllBytes();
        if (outcome.header() == null) {
            assertTrue(!signature, "no header, though the bytes start with a signature");
            assertArrayEquals(bytes, rest, "every byte given back, in order");
        } else {
            assertTrue(signature);
            assertEquals(bytes.length - rest.length, headerLength(bytes), "the rest starts right after the header");
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && java.util.Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int headerLength(byte[] bytes) throws IOException {
        return ProxyHeaderParser.read(new Feed(bytes, false)::readFully, MAX).length();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static InetAddress address(byte[] bytes) throws UnknownHostException {
        return InetAddress.getByAddress(bytes);
    }

    /** Bytes the parser reads, counting how far it got; end of stream after the last. */
    private static final class Feed {
        private final byte[] bytes;
        private final boolean trickle;
        private int at;

        Feed(byte[] bytes, boolean trickle) {
            this.bytes = bytes;
            this.trickle = trickle;
        }

        void readFully(byte[] buffer, int offset, int length) throws IOException {
            for (int i = 0; i < length; i++) {
                if (at >= bytes.length) {
                    throw new EOFException();
                }
                buffer[offset + i] = bytes[at++];
                if (trickle) {
                    Thread.onSpinWait();
                }
            }
        }
    }
}
