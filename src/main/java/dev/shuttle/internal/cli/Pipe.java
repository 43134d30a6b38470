package dev.shuttle.internal.cli;

import dev.shuttle.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The two directions of {@code shuttle connect}: standard input to the connection, then a
 * half-close; the connection to standard output until the peer's end of stream. It ends when both
 * have: a peer that half-closes and goes on reading gets all of standard input. At a terminal it
 * ends when the peer closes.
 */
final class Pipe {
    private final Connection connection;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Timeline timeline;
    private final boolean terminal;
    private volatile IOException sendFailure;

    Pipe(Connection connection, InputStream in, PrintStream out, PrintStream err, Timeline timeline, boolean terminal) {
        this.connection = connection;
        this.in = in;
        this.out = out;
        this.err = err;
        this.timeline = timeline;
        this.terminal = terminal;
    }

    /** {@return the exit status} once the peer has closed and standard input has ended and been sent */
    int run() throws IOException {
        // Standard input cannot be interrupted, so it is read on a daemon thread of its own: the
        // process still exits if the peer fails while the user has typed nothing.
        Thread sender = Thread.ofPlatform().daemon().name("shuttle-stdin").start(this::send);
        long received = copy(connection.input(), out);
        out.flush();
        note("the peer closed: received " + received + " bytes");
        if (terminal && sender.isAlive()) {
            // A person at a terminal has nothing left to talk to: end now, as telnet does, rather
            // than wait for a line that could not be sent.
            return Main.OK;
        }
        try {
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILED;
        }
        if (sendFailure != null) {
            err.println("shuttle connect: sending to " + connection.remoteAddress() + " failed: " + sendFailure.getMessage());
            return Main.FAILED;
        }
        return Main.OK;
    }

    private void send() {
        long sent;
        try {
            sent = copy(in, connection.output());
        } catch (IOException e) {
            sendFailure = e;
            return;
        }
        // TLS 1.2 has no half-close: its close_notify ends both directions, and the peer's answer
        // would be lost. Stop sending and keep reading until the peer closes.
        boolean tls12 = connection.unwrap(javax.net.ssl.SSLSession.class)
                .map(session -> !"TLSv1.3".equals(session.getProtocol())).orElse(false);
        if (tls12) {
            note("end of input: sent " + sent + " bytes; TLS 1.2 cannot half-close, waiting for the peer to close");
            return;
        }
        try {
            connection.shutdownOutput();
            note("end of input: sent " + sent + " bytes and half-closed the connection");
        } catch (UnsupportedOperationException | IOException e) {
            // The peer then sees no end of input: all this side can do is go on reading until the
            // peer closes.
            err.println("shuttle connect: end of input, but " + connection.remoteAddress()
                    + " cannot be half-closed (" + e.getMessage() + "); waiting for the peer to close");
        }
    }

    private void note(String what) {
        if (timeline != null) {
            timeline.say(what);
        }
    }

    private static long copy(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = from.read(buffer)) >= 0) {
            to.write(buffer, 0, n);
            to.flush();
            total += n;
        }
        return total;
    }
}
