package dev.shuttle.internal.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** TLS layered over a socket the caller keeps reads one record at a time, never past the last. */
class RecordBoundedInputTest {
    private static byte[] record(int type, int length) {
        byte[] record = new byte[5 + length];
        record[0] = (byte) type;
        record[1] = 3;
        record[2] = 3;
        record[3] = (byte) (length >> 8);
        record[4] = (byte) length;
        Arrays.fill(record, 5, record.length, (byte) type);
        return record;
    }

    private static byte[] concat(byte[]... parts) {
        byte[] all = new byte[0];
        for (byte[] part : parts) {
            int at = all.length;
            all = Arrays.copyOf(all, at + part.length);
            System.arraycopy(part, 0, all, at, part.length);
        }
        return all;
    }

    @Test
    void bigReadsStopAtEachRecordsEndSoWhatFollowsTlsStaysUnread() throws IOException {
        byte[] first = record(23, 300);
        byte[] alert = record(21, 19);
        byte[] plaintext = "after TLS".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteArrayInputStream transport = new ByteArrayInputStream(concat(first, alert, plaintext));
        RecordBoundedInput input = new RecordBoundedInput(transport);
        byte[] buffer = new byte[64 * 1024];
        int read = 0;
        int[] boundaries = {5, first.length, first.length + 5, first.length + alert.length};
        while (read < first.length + alert.length) {
            int before = read;
            read += input.read(buffer, read, buffer.length - read);
            for (int boundary : boundaries) {
                assertTrue(before >= boundary || read <= boundary, "one read went from " + before + " past " + boundary + " to " + read);
            }
        }
        assertEquals(first.length + alert.length, read);
        assertArrayEquals(concat(first, alert), Arrays.copyOf(buffer, read));
        assertArrayEquals(plaintext, transport.readAllBytes(), "the bytes after the last record are the caller's");
    }

    @Test
    void anEmptyRecordIsAHeaderAlone() throws IOException {
        byte[] empty = record(23, 0);
        ByteArrayInputStream transport = new ByteArrayInputStream(concat(empty, new byte[] {42}));
        RecordBoundedInput input = new RecordBoundedInput(transport);
        byte[] buffer = new byte[100];
        assertEquals(5, input.read(buffer, 0, 100));
        assertEquals(42, transport.read());
        assertEquals(-1, input.read(buffer, 0, 100));
    }
}
