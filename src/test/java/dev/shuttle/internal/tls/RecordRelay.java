package dev.shuttle.internal.tls;

import dev.shuttle.testing.Bounded;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay for one connection, record by record (it reads the 5-byte TLS record
 * headers): it counts the records going each way, changes one byte of the next application-data
 * record coming back from the target once {@link #tamperNext()} is called (what an attacker on the
 * path does), and can reset the connection towards the client. Everything else passes unchanged.
 * A TLS 1.3 key update is a record of its own, encrypted like application data: counting records
 * is how a test sees, from outside both implementations, that key updates went over the wire.
 */
final class RecordRelay implements AutoCloseable {
    private static final int APPLICATION_DATA = 23;

    private final ServerSocket listener;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicInteger tampered = new AtomicInteger();
    private final int target;
    private final AtomicInteger toTarget = new AtomicInteger();
    private final AtomicInteger fromTarget = new AtomicInteger();
    private final Thread relaying;
    private volatile Socket accepted;
    private volatile Socket outgoing;
    private volatile Throwable failure;

    /** Listens on a free loopback port; the one connection accepted there is relayed to {@code targetPort}. */
    RecordRelay(int targetPort) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.target = targetPort;
        this.relaying = Thread.ofVirtual().start(this::relay);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** {@return the records the connecting side has sent to the target so far} */
    int recordsToTarget() {
        return toTarget.get();
    }

    /** {@return the records the target has sent back so far} */
    int recordsFromTarget() {
        return fromTarget.get();
    }

    /** Changes the last byte (in the authentication tag) of the next application-data record from the target. */
    void tamperNext() {
        armed.set(true);
    }

    /** {@return how many records were changed} */
    int tampered() {
        return tampered.get();
    }

    /** Resets the connection on the connecting side (RST, without TLS's close_notify): a middlebox or a crashed peer. */
    void resetTowardsClient() throws IOException {
        Socket in = accepted;
        in.setSoLinger(true, 0);
        in.close();
    }

    /** {@return why a stream was not TLS records, if one was not} */
    Throwable failure() {
        return failure;
    }

    private void relay() {
        try (Socket in = listener.accept(); Socket out = new Socket()) {
            accepted = in;
            outgoing = out;
            in.setTcpNoDelay(true);
            out.setTcpNoDelay(true);
            out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target));
            Thread back = Thread.ofVirtual().start(() -> copy(out, in, fromTarget));
            copy(in, out, toTarget);
            Bounded.join(back, "the relay's copy from the target back");
        } catch (IOException | InterruptedException e) {
            // Closed by close(), or a side went away: the relay ends as the connection did.
        }
    }

    /**
     * Copies whole records from {@code from} to {@code to}, counting them (and changing the one
     * armed for, coming back from the target), until either side closes;
     * a reset on either side closes both, as a connection through a real middlebox would end.
     */
    private void copy(Socket from, Socket to, AtomicInteger records) {
        try {
            DataInputStream in = new DataInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            byte[] header = new byte[5];
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException end) {
                    break;
                }
                int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
                if (length > 16_384 + 256) {
                    failure = new IOException("not a TLS record: length " + length);
                    break;
                }
                byte[] record = Arrays.copyOf(header, 5 + length);
                in.readFully(record, 5, length);
                records.incrementAndGet();
                if (records == fromTarget && record[0] == APPLICATION_DATA && length > 0 && armed.compareAndSet(true, false)) {
                    record[record.length - 1] ^= 0x01;
                    tampered.incrementAndGet();
                }
                out.write(record);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do.
        }
    }

    @Override
    public void close() throws Exception {
        listener.close();
        Socket in = accepted;
        Socket out = outgoing;
        if (in != null) {
            in.close();
        }
        if (out != null) {
            out.close();
        }
        Bounded.join(relaying, "the relay");
    }
}
