package dev.shuttle.internal.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.function.Supplier;

/**
 * Words the failure of a read or write whose thread was interrupted. The JDK closes the channel
 * and throws {@link ClosedByInterruptException} with no message, which users do not think to
 * catch; Shuttle throws an {@link InterruptedIOException} naming the peer instead, with the JDK's
 * exception as its cause.
 */
public final class InterruptedIo {
    private InterruptedIo() {}

    /**
     * {@return {@code failure} as users should see it: an {@link InterruptedIOException} naming the
     * peer if the call was interrupted, else {@code failure} itself}
     *
     * @param failure what the read or write threw
     * @param call {@code "Read from"} or {@code "Write to"}
     * @param peer names the peer, such as {@code tcp://127.0.0.1:8080}
     */
    public static IOException named(IOException failure, String call, Supplier<String> peer) {
        if (!(failure instanceof ClosedByInterruptException)) {
            return failure;
        }
        InterruptedIOException interrupted = new InterruptedIOException(
                call + " " + peer.get() + " was interrupted; the connection is closed");
        interrupted.initCause(failure);
        return interrupted;
    }
}
