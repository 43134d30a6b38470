package dev.shuttle.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * transferTo moves every byte, whatever the sizes of the reads, small or past the pooled buffer;
 * end of stream after the connection's own close is a {@link SocketException}.
 */
class ConnectionInputTest {

    @Test
    void endOfStreamAfterTheConnectionsOwnCloseIsASocketException() throws IOException {
        boolean[] closed = {false};
        InputStream ended = InputStream.nullInputStream();
        ConnectionInput input = new ConnectionInput(ended, new IoInProgress(), () -> closed[0]);
        assertEquals(-1, input.read(), "the peer's end of stream, before close()");
        assertEquals(-1, input.read(new byte[4], 0, 4));
        closed[0] = true;
        assertThrows(SocketException.class, input::read);
        assertThrows(SocketException.class, () -> input.read(new byte[4], 0, 4));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 255, 256, 257, 16 * 1024, 16 * 1024 + 256, 100_000})
    void transferToMovesEveryByte(int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long moved = new ConnectionInput(new ByteArrayInputStream(data)).transferTo(out);

        assertEquals(size, moved);
        assertArrayEquals(data, out.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 256, 300, 5000})
    void transferToMovesEveryByteInShortReadsWithNothingAvailable(int chunk) throws IOException {
        byte[] data = new byte[40_000];
        new Random(chunk).nextBytes(data);
        InputStream trickle = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }

            @Override
            public synchronized int available() {
                return 0;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertEquals(data.length, new ConnectionInput(trickle).transferTo(out));
        assertArrayEquals(data, out.toByteArray());
    }
}
