package dev.shuttle.internal.dropin;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.internal.concurrent.FirstSuccess;
import dev.shuttle.internal.io.ConnectFailures;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * One connect of a drop-in socket: the Shuttle connect runs on a virtual thread of a task scope
 * while the caller waits, so that the caller's timeout bounds it, an interrupt of the caller
 * cancels it, and {@link #cancel()} from another thread (a {@code Socket.close()} during the
 * connect) interrupts the one thread that belongs to this attempt, never the caller.
 */
final class ConnectAttempt {
    private volatile Thread worker;
    private volatile boolean cancelled;

    /** The Shuttle connect itself. */
    @FunctionalInterface
    interface Call {
        Connection connect() throws IOException;
    }

    /**
     * Connects, blocking the calling thread.
     *
     * @param endpoint where to connect, named in errors
     * @param call the Shuttle connect to run
     * @param timeoutMillis the caller's connect timeout, 0 for none (the connector's own applies)
     * @return the connection; the caller owns it
     * @throws SocketTimeoutException if the timeout passed
     * @throws InterruptedIOException if the calling thread was interrupted (flag kept)
     * @throws SocketException if {@link #cancel()} was called
     * @throws IOException what the connector threw, with its {@code java.net} type
     */
    Connection run(Endpoint endpoint, Call call, int timeoutMillis) throws IOException {
        Duration timeout = timeoutMillis > 0 ? Duration.ofMillis(timeoutMillis) : null;
        Optional<Connection> connection;
        List<Throwable> failures;
        FirstSuccess<Connection> attempt = FirstSuccess.open("shuttle-socket-connect", timeout);
        try (attempt) {
            attempt.fork(() -> {
                worker = Thread.currentThread();
                try {
                    if (cancelled) {
                        throw new SocketException("Socket closed");
                    }
                    return call.connect();
                } finally {
                    worker = null;
                }
            });
            connection = attempt.join();
            failures = attempt.failures();
        } catch (TimeoutException e) {
            SocketTimeoutException timedOut = new SocketTimeoutException(
                    "Connection to " + endpoint + " timed out after " + timeoutMillis + " ms");
            attempt.failures().forEach(timedOut::addSuppressed);
            throw timedOut;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectFailures.interrupted(endpoint, e);
        }
        if (connection.isPresent()) {
            return connection.get();
        }
        if (cancelled) {
            SocketException closed = new SocketException("Socket closed while connecting to " + endpoint);
            failures.forEach(closed::addSuppressed);
            throw closed;
        }
        Throwable failure = failures.isEmpty() ? new IOException("Connection to " + endpoint + " failed") : failures.getFirst();
        switch (failure) {
            case IOException io -> throw io;
            case RuntimeException runtime -> throw runtime;
            case Error error -> throw error;
            default -> throw new IOException("Connection to " + endpoint + " failed: " + ConnectFailures.reason(failure), failure);
        }
    }

    /** Aborts a running connect from another thread: its thread is interrupted, closing what it opened. */
    void cancel() {
        cancelled = true;
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
    }
}
