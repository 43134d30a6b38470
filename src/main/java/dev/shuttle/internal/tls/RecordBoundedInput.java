package dev.shuttle.internal.tls;

import java.io.IOException;
import java.io.InputStream;

/**
 * A transport's input that never hands out a byte past the end of the TLS record being read: the
 * header first, then the body, one record at a time. For TLS layered over a socket its caller
 * keeps ({@code autoClose} false): what follows TLS's end there (after {@code close_notify}) is the
 * caller's to read, as the JDK's {@code SSLSocket} leaves it, and no read ahead may swallow it.
 * For one reader at a time.
 */
final class RecordBoundedInput extends InputStream {
    private static final int HEADER = 5;

    private final InputStream in;
    private final byte[] header = new byte[HEADER];
    private int headerRead;
    private int bodyLeft;

    RecordBoundedInput(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return 0;
        }
        if (headerRead < HEADER) {
            int n = in.read(bytes, offset, Math.min(length, HEADER - headerRead));
            if (n > 0) {
                System.arraycopy(bytes, offset, header, headerRead, n);
                headerRead += n;
                if (headerRead == HEADER) {
                    bodyLeft = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
                    headerRead = bodyLeft == 0 ? 0 : HEADER;
                }
            }
            return n;
        }
        int n = in.read(bytes, offset, Math.min(length, bodyLeft));
        if (n > 0) {
            bodyLeft -= n;
            if (bodyLeft == 0) {
                headerRead = 0;
            }
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        int waiting = in.available();
        return headerRead < HEADER ? Math.min(waiting, HEADER - headerRead) : Math.min(waiting, bodyLeft);
    }
}
