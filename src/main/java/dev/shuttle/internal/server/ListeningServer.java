package dev.shuttle.internal.server;

import dev.shuttle.Connection;
import dev.shuttle.ConnectionHandler;
import dev.shuttle.Endpoint;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.internal.concurrent.ShuttleThreads;
import dev.shuttle.internal.concurrent.TaskScope;
import dev.shuttle.internal.concurrent.TaskScopes;
import dev.shuttle.internal.io.ConnectFailures;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The {@link Server} of every transport: pausing, serving in a structured scope, reporting errors
 * and backing off, over a {@link Listener} that only binds and accepts.
 */
public final class ListeningServer implements Server {
    private static final System.Logger LOG = System.getLogger("dev.shuttle.server");
    private static final long FIRST_BACKOFF_NANOS = 5_000_000L;

    private final Listener listener;
    private final ConnectionSetup setup;
    private final Consumer<Throwable> errorHandler;
    private final long maxBackoffNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<Connection> served = ConcurrentHashMap.newKeySet();
    private boolean paused;
    private boolean closed;
    private boolean serving;
    private Connection held;

    /**
     * Creates the server over a bound listener.
     *
     * @param listener the listener, which this server closes
     * @param options the options: error handler and backoff
     */
    public ListeningServer(Listener listener, ServerOptions options) {
        this(listener, options, ConnectionSetup.NONE);
    }

    /**
     * Creates the server over a bound listener, preparing each accepted connection (a TLS
     * handshake) on the thread that will use it.
     *
     * @param listener the listener, which this server closes
     * @param options the options: error handler and backoff
     * @param setup what to do with each accepted connection before it is handed on
     */
    public ListeningServer(Listener listener, ServerOptions options, ConnectionSetup setup) {
        this.listener = listener;
        this.setup = setup;
        this.errorHandler = options.errorHandler();
        this.maxBackoffNanos = options.maxAcceptBackoff().toNanos();
    }

    @Override
    public Connection accept() throws IOException {
        return setup.prepare(acceptPlain());
    }

    private Connection acceptPlain() throws IOException {
        while (true) {
            lock.lock();
            try {
                while (paused && !closed) {
                    changed.awaitUninterruptibly();
                }
                if (closed) {
                    throw new SocketException("Server " + listener.address() + " is closed");
                }
                if (held != null) {
                    Connection connection = held;
                    held = null;
                    return connection;
                }
            } finally {
                lock.unlock();
            }
            Connection connection = listener.accept();
            lock.lock();
            try {
                if (closed) {
                    connection.close();
                    throw new SocketException("Server " + listener.address() + " is closed");
                }
                if (!paused) {
                    return connection;
                }
                // Accepted just as the server paused: keep it for resume, ahead of the backlog.
                held = connection;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void serve(ConnectionHandler handler) throws InterruptedException {
        java.util.Objects.requireNonNull(handler, "handler");
        lock.lock();
        try {
            if (serving) {
                throw new IllegalStateException("Server " + listener.address() + " is already serving");
            }
            serving = true;
        } finally {
            lock.unlock();
        }
        try {
            Thread acceptor = ShuttleThreads.start("shuttle-server " + listener.address(), () -> acceptLoop(handler));
            try {
                acceptor.join();
            } catch (InterruptedException e) {
                close();
                joinUninterruptibly(acceptor);
                throw e;
            }
        } finally {
            lock.lock();
            try {
                serving = false;
            } finally {
                lock.unlock();
            }
        }
    }

    private void acceptLoop(ConnectionHandler handler) {
        try (TaskScope scope = TaskScopes.open("shuttle-connection " + listener.address())) {
            long backoff = 0;
            while (isOpen()) {
                Connection connection;
                try {
                    connection = acceptPlain();
                    backoff = 0;
                } catch (IOException | RuntimeException e) {
                    if (!isOpen()) {
                        break;
                    }
                    report(e instanceof IOException io ? ConnectFailures.acceptFailed(listener.address(), io) : e);
                    backoff = backoff == 0 ? FIRST_BACKOFF_NANOS : Math.min(maxBackoffNanos, backoff * 2);
                    awaitClose(backoff);
                    continue;
                }
                served.add(connection);
                if (!isOpen()) {
                    // close() may have swept the set before this connection joined it.
                    connection.close();
                    served.remove(connection);
                    break;
                }
                scope.fork(() -> {
                    handle(handler, connection);
                    return false;
                });
            }
            try {
                scope.join();
            } catch (InterruptedException | TimeoutException e) {
                // Nobody interrupts the acceptor and its scope has no deadline; close() below waits.
                LOG.log(Level.DEBUG, "server scope join ended early: " + e);
            }
        }
    }

    private void handle(ConnectionHandler handler, Connection accepted) {
        Connection connection = accepted;
        try {
            connection = setup.prepare(accepted);
            handler.handle(connection);
        } catch (Throwable failure) {
            if (isOpen() || !(failure instanceof IOException)) {
                report(failure);
            }
        } finally {
            connection.close();
            accepted.close();
            served.remove(accepted);
        }
    }

    private void report(Throwable error) {
        try {
            errorHandler.accept(error);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "error handler of " + listener.address() + " threw", e);
        }
    }

    private void awaitClose(long nanos) {
        lock.lock();
        try {
            long left = nanos;
            while (!closed && left > 0) {
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Endpoint address() {
        return listener.address();
    }

    @Override
    public void pause() {
        lock.lock();
        try {
            paused = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void resume() {
        lock.lock();
        try {
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isOpen() {
        lock.lock();
        try {
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Connection heldBack;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            heldBack = held;
            held = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        listener.close();
        if (heldBack != null) {
            heldBack.close();
        }
        for (Connection connection : served) {
            connection.close();
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        while (true) {
            try {
                thread.join();
                return;
            } catch (InterruptedException e) {
                // Keep waiting: the caller rethrows the first interrupt.
            }
        }
    }

    @Override
    public String toString() {
        return "Server[" + listener.address() + (isOpen() ? "" : ", closed") + "]";
    }
}
