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
     * Begins the attempt on the race's own thread without waiting for the network: what the
     * kernel finishes at once (a connect to a loopback listener) then needs no thread of its own.
     * By default nothing is begun and the whole attempt is left to {@link Opening#finish()}.
     *
     * @param address the address
     * @return the attempt begun: connected already, or to be finished on a thread of its own
     * @throws IOException if the attempt failed at once (a refused loopback connect)
     */
    default Opening begin(InetSocketAddress address) throws IOException {
        return Opening.later(() -> connect(address), () -> {});
    }

    /** An attempt begun without waiting: connected already, or to be finished by its own thread. */
    interface Opening {
        /** {@return the connection if it is made already, else {@code null}} */
        Connection connected();

        /**
         * Finishes the attempt, waiting as long as it takes; interruptible. Called at most once,
         * and only when {@link #connected()} is {@code null}.
         *
         * @return the connection
         * @throws IOException if the attempt failed; nothing is left open
         */
        Connection finish() throws IOException;

        /** Closes what was begun; called instead of {@link #finish()} when that never runs. */
        void abandon();

        /**
         * An attempt connected already.
         *
         * @param connection the connection
         * @return the opening
         */
        static Opening done(Connection connection) {
            return new Opening() {
                @Override
                public Connection connected() {
                    return connection;
                }

                @Override
                public Connection finish() {
                    return connection;
                }

                @Override
                public void abandon() {
                    connection.close();
                }
            };
        }

        /**
         * An attempt still to finish.
         *
         * @param finish what finishes it
         * @param abandon what closes what was begun, when {@code finish} never runs
         * @return the opening
         */
        static Opening later(Finish finish, Runnable abandon) {
            return new Opening() {
                @Override
                public Connection connected() {
                    return null;
                }

                @Override
                public Connection finish() throws IOException {
                    return finish.connect();
                }

                @Override
                public void abandon() {
                    abandon.run();
                }
            };
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
