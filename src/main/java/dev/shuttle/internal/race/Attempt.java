package dev.shuttle.internal.race;

import dev.shuttle.Connection;
import java.io.IOException;
import java.net.InetSocketAddress;

/** One connection attempt to one address: TCP, or TCP and the TLS handshake. */
@FunctionalInterface
public interface Attempt {
    /**
     * Connects to an address; interruptible.
     *
     * @param address the address
     * @return the connection
     * @throws IOException if the attempt failed
     */
    Connection connect(InetSocketAddress address) throws IOException;

    /**
     * Connects to an address within a timeout the attempt keeps itself (a socket's own connect
     * timeout), on the calling thread: how an IP literal's one attempt runs under a connect timeout
     * without a thread of its own. {@code null} when the attempt cannot keep a timeout itself; the
     * connector then runs it as a race of one address, which keeps the deadline.
     *
     * @return the bounded form of this attempt, or {@code null}
     */
    default SelfTimed selfTimed() {
        return null;
    }

    /** An attempt that keeps a timeout itself. */
    @FunctionalInterface
    interface SelfTimed {
        /**
         * Connects within the timeout.
         *
         * @param address the address
         * @param timeoutMillis the timeout, {@code 0} for none
         * @return the connection
         * @throws java.net.SocketTimeoutException when the timeout passed
         * @throws IOException if the attempt failed
         */
        Connection connect(InetSocketAddress address, int timeoutMillis) throws IOException;
    }

    /**
     * Begins the attempt on the race's own thread without waiting for the network: what the
     * kernel finishes at once (a connect to a loopback listener) then needs no thread of its own.
     * By default nothing is begun and the whole attempt is left to {@link Opening#rest()}.
     *
     * @param address the address
     * @return the attempt begun: connected already, or to be finished on a thread of its own
     * @throws IOException if the attempt failed at once (a refused loopback connect)
     */
    default Opening begin(InetSocketAddress address) throws IOException {
        return Opening.later(() -> connect(address), () -> {});
    }

    /**
     * {@return this attempt offering other ALPN ids: those a service record and the client share}
     * By default the attempt itself, for attempts without TLS.
     *
     * @param applicationProtocols the ALPN ids, in the client's order
     */
    default Attempt offering(java.util.List<String> applicationProtocols) {
        return this;
    }

    /**
     * An attempt begun without waiting: connected already, or to be finished by a thread of its
     * own.
     *
     * @param connected the connection if it is made already, else {@code null}
     * @param rest what finishes the attempt, waiting as long as it takes (interruptible; called at
     *     most once, and only when {@code connected} is {@code null}; leaves nothing open when it
     *     fails), or {@code null} when connected
     * @param abandon what closes what was begun, run instead of {@code rest} when that never runs
     */
    record Opening(Connection connected, Finish rest, Runnable abandon) {
        /**
         * An attempt connected already.
         *
         * @param connection the connection
         * @return the opening
         */
        public static Opening done(Connection connection) {
            return new Opening(java.util.Objects.requireNonNull(connection, "connection"), null, connection::close);
        }

        /**
         * An attempt still to finish.
         *
         * @param rest what finishes it
         * @param abandon what closes what was begun, when {@code rest} never runs
         * @return the opening
         */
        public static Opening later(Finish rest, Runnable abandon) {
            return new Opening(null, java.util.Objects.requireNonNull(rest, "rest"), abandon);
        }
    }

    /** What finishes an attempt, on the attempt's own thread. */
    @FunctionalInterface
    interface Finish {
        /**
         * Finishes the attempt; interruptible.
         *
         * @return the connection
         * @throws IOException if the attempt failed
         */
        Connection connect() throws IOException;
    }
}
