package dev.shuttle.internal.dropin;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;

/**
 * The streams of a connected Shuttle socket as {@link java.net.Socket}'s own streams report a
 * closed socket: the channel underneath throws {@link ClosedChannelException}, which callers of a
 * {@code Socket} do not expect; they get {@code SocketException: Socket closed} (or {@code Closed
 * by interrupt}) as from any JDK socket.
 */
final class ClosedChannels {
    private ClosedChannels() {}

    static SocketException translate(ClosedChannelException e) {
        SocketException closed = new SocketException(e instanceof ClosedByInterruptException ? "Closed by interrupt" : "Socket closed");
        closed.initCause(e);
        return closed;
    }

    static InputStream input(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return in.read();
                } catch (ClosedChannelException e) {
                    throw translate(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return in.read(b, off, len);
                } catch (ClosedChannelException e) {
                    throw translate(e);
                }
            }

            @Override
            public int available() throws IOException {
                try {
                    return in.available();
                } catch (ClosedChannelException e) {
                    throw translate(e);
                }
            }
        };
    }

    static OutputStream output(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                try {
                    out.write(b);
                } catch (ClosedChannelException e) {
                    throw translate(e);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (ClosedChannelException e) {
                    throw translate(e);
                }
            }
        };
    }
}
