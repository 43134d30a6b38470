package dev.shuttle.internal.tcp;

import dev.shuttle.testing.Bounded;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ReadAheadInputTest {

    /** A socket's stream as a script: each read returns the next chunk (cut to the room asked for). */
    private static final class ScriptedStream extends InputStream {
        private final Deque<Object> script = new ArrayDeque<>();
        final List<Integer> asked = new ArrayList<>();
        final List<byte[]> into = new ArrayList<>();

        ScriptedStream then(byte[] chunk) {
            script.add(chunk);
            return this;
        }

        ScriptedStream thenFail(IOException failure) {
            script.add(failure);
            return this;
        }

        @Override
        public int read() {
            throw new AssertionError("single-byte read");
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            asked.add(len);
            into.add(b);
            Object next = script.poll();
            if (next == null) {
                return -1;
            }
            if (next instanceof IOException failure) {
                throw failure;
            }
            byte[] chunk = (byte[]) next;
            int n = Math.min(len, chunk.length);
            System.arraycopy(chunk, 0, b, off, n);
            if (n < chunk.length) {
                script.push(Arrays.copyOfRange(chunk, n, chunk.length));
            }
            return n;
        }
    }

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + i);
        }
        return b;
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] b = new byte[length];
        int at = 0;
        while (at < length) {
            int n = in.read(b, at, length - at);
            if (n < 0) {
                throw new AssertionError("end of stream after " + at);
            }
            at += n;
        }
        return b;
    }

    @Test
    void headerAndBodyReadsOfSeveralRecordsCostOneReadOfTheSocket() throws IOException {
        byte[] records = bytes(3 * (5 + 100), 1);
        ScriptedStream socket = new ScriptedStream().then(records);
        ReadAheadInput in = new ReadAheadInput(socket);
        byte[] got = new byte[records.length];
        for (int record = 0; record < 3; record++) {
            int at = record * 105;
            System.arraycopy(readFully(in, 5), 0, got, at, 5);
            System.arraycopy(readFully(in, 100), 0, got, at + 5, 100);
        }
        assertArrayEquals(records, got);
        assertEquals(1, socket.asked.size(), "reads of the socket: " + socket.asked);
    }

    @Test
    void aReadReturnsWhatIsBufferedWithoutAskingTheSocketAgain() throws IOException {
        ScriptedStream socket = new ScriptedStream().then(bytes(3, 7));
        ReadAheadInput in = new ReadAheadInput(socket);
        assertEquals(1, in.read(new byte[1], 0, 1));
        byte[] rest = new byte[100];
        assertEquals(2, in.read(rest, 0, 100));
        assertEquals(8, rest[0]);
        assertEquals(1, socket.asked.size());
    }

    @Test
    void aReadThatTimesOutConsumesNothing() throws IOException {
        byte[] data = bytes(20, 3);
        ScriptedStream socket = new ScriptedStream().thenFail(new SocketTimeoutException("Read timed out")).then(data);
        ReadAheadInput in = new ReadAheadInput(socket);
        assertThrows(SocketTimeoutException.class, () -> in.read(new byte[5], 0, 5));
        assertEquals(0, in.capacity(), "a connection whose read timed out holds no buffer");
        assertArrayEquals(data, readFully(in, 20));
        assertEquals(0, in.buffered());
    }

    @Test
    void bulkTransferKeepsOneFullSizeBuffer() throws IOException {
        // The first read fills the smallest buffer, so the next ones get the full-size one.
        ScriptedStream socket = new ScriptedStream().then(bytes(ReadAheadInput.SMALLEST, 0));
        for (int i = 0; i < 5; i++) {
            socket.then(bytes(ReadAheadInput.STREAMING, i));
        }
        ReadAheadInput in = new ReadAheadInput(socket);
        readFully(in, ReadAheadInput.SMALLEST);
        for (int i = 0; i < 5; i++) {
            byte[] got = new byte[ReadAheadInput.STREAMING];
            int at = 0;
            while (at < got.length) {
                at += in.read(got, at, Math.min(ReadAheadInput.DIRECT - 1, got.length - at));
            }
        }
        assertEquals(List.of(ReadAheadInput.SMALLEST, ReadAheadInput.STREAMING, ReadAheadInput.STREAMING,
                ReadAheadInput.STREAMING, ReadAheadInput.STREAMING, ReadAheadInput.STREAMING), socket.asked);
        for (int i = 2; i < socket.into.size(); i++) {
            assertSame(socket.into.get(1), socket.into.get(i), "read " + i + " went into another buffer");
        }
    }

    @Test
    void aBufferDrainedAfterAShortReadIsDroppedAndTheNextOneSizedFromThatRead() throws IOException {
        ScriptedStream socket = new ScriptedStream().then(bytes(3000, 0)).then(bytes(10, 0));
        ReadAheadInput in = new ReadAheadInput(socket);
        readFully(in, 3000);
        assertEquals(0, in.capacity(), "an idle connection holds no buffer");
        readFully(in, 10);
        // 512 filled, so then the full size; 2,488 came short of that, so next a buffer of 4 x 2,048.
        assertEquals(List.of(ReadAheadInput.SMALLEST, ReadAheadInput.STREAMING, 2048 * 4), socket.asked);
    }

    @Test
    void aLongReadWithNothingBufferedGoesStraightIntoTheCallersArray() throws IOException {
        ScriptedStream socket = new ScriptedStream().then(bytes(20_000, 0));
        ReadAheadInput in = new ReadAheadInput(socket);
        byte[] body = new byte[16_384];
        assertEquals(16_384, in.read(body, 0, body.length));
        assertSame(body, socket.into.getFirst());
        assertEquals(0, in.capacity());
    }

    @Test
    void endOfStreamAfterTheBufferedBytes() throws IOException {
        ReadAheadInput in = new ReadAheadInput(new ScriptedStream().then(bytes(4, 0)));
        assertEquals(4, in.read(new byte[8], 0, 8));
        assertEquals(-1, in.read(new byte[8], 0, 8));
        assertEquals(-1, in.read());
    }

    @Test
    void availableCountsTheBufferedBytes() throws IOException {
        ReadAheadInput in = new ReadAheadInput(new ScriptedStream().then(bytes(10, 0)));
        assertEquals(0, in.read());
        assertEquals(9, in.buffered());
        assertEquals(9, in.available());
    }

    @Test
    void bufferedIsUnknownWhileAReadWaitsOnTheSocket() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        InputStream blocking = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("single-byte read");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    Bounded.await(release);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                b[off] = 1;
                return 1;
            }
        };
        ReadAheadInput in = new ReadAheadInput(blocking);
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                in.read();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        await().until(() -> in.buffered() == -1);
        release.countDown();
        assertTrue(reader.join(Duration.ofSeconds(10)));
        assertEquals(0, in.buffered());
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyRead() throws IOException {
        ScriptedStream socket = new ScriptedStream().then(bytes(4, 0));
        ReadAheadInput in = new ReadAheadInput(socket);
        assertThrows(IndexOutOfBoundsException.class, () -> in.read(new byte[4], 2, 3));
        assertEquals(0, in.read(new byte[4], 0, 0) + socket.asked.size());
    }
}
