package dev.shuttle.internal.udp;

import dev.shuttle.udp.DatagramTooLargeException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The default error handler of a UDP server: logs through {@code System.Logger}.
 *
 * <p>A datagram too large is something a peer does, possibly a flood of them, and its stack trace
 * says nothing: it is logged at {@code WARNING} without one the first time and every
 * {@value #TOO_LARGE_EVERY}th time after (with the count), and at {@code DEBUG} otherwise. Every
 * other failure is logged at {@code WARNING} with its stack trace.
 */
public final class UdpErrorLog implements Consumer<Throwable> {
    /** How often a datagram too large is logged at {@code WARNING}: once every this many. */
    static final long TOO_LARGE_EVERY = 1000;

    private final Logger log;
    private final AtomicLong tooLarge = new AtomicLong();

    /**
     * Creates the handler.
     *
     * @param log where to log
     */
    public UdpErrorLog(Logger log) {
        this.log = log;
    }

    @Override
    public void accept(Throwable error) {
        if (error instanceof DatagramTooLargeException) {
            long count = tooLarge.incrementAndGet();
            if (count % TOO_LARGE_EVERY == 1) {
                log.log(Level.WARNING, () -> "Shuttle UDP server error: " + error.getMessage()
                        + (count == 1 ? "" : " (" + count + " datagrams too large so far; the others are logged at DEBUG)"));
            } else if (log.isLoggable(Level.DEBUG)) {
                log.log(Level.DEBUG, "Shuttle UDP server error: " + error.getMessage());
            }
            return;
        }
        log.log(Level.WARNING, "Shuttle UDP server error: " + error, error);
    }
}
