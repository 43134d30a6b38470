package dev.shuttle.internal.race;

import dev.shuttle.Connection;
import dev.shuttle.ConnectListener;
import dev.shuttle.Endpoint;
import dev.shuttle.internal.io.Timeouts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The one attempt an IP literal needs, on the calling thread, told to the listener as a race tells
 * its attempts: started, then failed or succeeded; no end is told when the deadline or an interrupt
 * cancelled it. An {@code Error} from the listener after the connect closes the connection before
 * it propagates.
 */
final class OneAttempt {
    private OneAttempt() {}

    /** One connect to one address. */
    @FunctionalInterface
    interface Connect {
        Connection run() throws IOException;
    }

    /**
     * Runs the attempt.
     *
     * @param endpoint what the caller asked for
     * @param address the literal's address
     * @param timeout the connect timeout the attempt keeps itself, or {@code null} for none: its
     *     {@link SocketTimeoutException} becomes the connector's timeout message
     * @param listener told of the attempt
     * @param connect the attempt
     * @return the connection
     * @throws IOException what the attempt threw
     */
    static Connection run(Endpoint endpoint, InetSocketAddress address, Duration timeout, ConnectListener listener,
            Connect connect) throws IOException {
        listener.attemptStarted(endpoint, address);
        Connection connection;
        try {
            connection = connect.run();
        } catch (SocketTimeoutException e) {
            if (timeout == null) {
                listener.attemptFailed(endpoint, address, e);
                throw e;
            }
            SocketTimeoutException timedOut = Timeouts.connectTimedOut(endpoint, timeout);
            timedOut.addSuppressed(e);
            throw timedOut;
        } catch (IOException e) {
            if (!Thread.currentThread().isInterrupted()) { // an interrupt cancelled it: no end to tell
                listener.attemptFailed(endpoint, address, e);
            }
            throw e;
        }
        try {
            listener.attemptSucceeded(endpoint, address);
        } catch (Throwable e) {
            connection.close(); // an Error from the listener: the caller never gets the connection
            throw e;
        }
        return connection;
    }
}
