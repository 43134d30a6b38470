package dev.shuttle.internal.server;

import dev.shuttle.Connection;
import dev.shuttle.ConnectionHandler;
import dev.shuttle.Endpoint;
import dev.shuttle.LimitingServer;
import dev.shuttle.Server;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The {@link LimitingServer}: admits connections up to a limit, rejecting or pausing beyond it,
 * and keeps the admitted ones in order. Pausing under {@code serve} works through the inner
 * server's {@link Server#pause()}; {@code accept} reserves a slot before it accepts at all.
 */
public final class LimitedServer implements LimitingServer {
    private static final System.Logger LOG = System.getLogger("dev.shuttle.server");
    /** How often a connection waiting for a slot checks that the server is still open. */
    private static final long RECHECK_MILLIS = 100;

    private enum WhenFull { REJECT, PAUSE, NONE }

    private final Server inner;
    private final int max;
    private final WhenFull whenFull;
    private final Consumer<Throwable> errorHandler;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFreed = lock.newCondition();
    private final Set<Connection> open = new LinkedHashSet<>();
    private int reserved;
    private boolean pausedByUser;
    private boolean pausedByLimit;

    private LimitedServer(Server inner, int max, WhenFull whenFull, Consumer<Throwable> errorHandler) {
        this.inner = Objects.requireNonNull(inner, "server");
        this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
        if (max < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + max);
        }
        this.max = max;
        this.whenFull = whenFull;
    }

    /** See {@link LimitingServer#rejecting(Server, int, Consumer)}. */
    public static LimitingServer rejecting(Server server, int max, Consumer<Throwable> errorHandler) {
        return new LimitedServer(server, max, WhenFull.REJECT, errorHandler);
    }

    /** See {@link LimitingServer#pausing(Server, int)}. */
    public static LimitingServer pausing(Server server, int max) {
        return new LimitedServer(server, max, WhenFull.PAUSE, error -> {});
    }

    /** See {@link LimitingServer#tracking(Server)}. */
    public static LimitingServer tracking(Server server) {
        return new LimitedServer(server, Integer.MAX_VALUE, WhenFull.NONE, error -> {});
    }

    @Override
    public Connection accept() throws IOException {
        if (whenFull == WhenFull.PAUSE) {
            reserveSlot();
            Connection accepted;
            try {
                accepted = inner.accept();
            } catch (IOException | RuntimeException e) {
                releaseReservation();
                throw e;
            }
            return admitReserved(new TrackedConnection(accepted, this::release));
        }
        while (true) {
            Connection accepted = inner.accept();
            TrackedConnection tracked = new TrackedConnection(accepted, this::release);
            if (tryAdmit(tracked)) {
                return tracked;
            }
            reject(accepted);
        }
    }

    @Override
    public void serve(ConnectionHandler handler) throws InterruptedException {
        Objects.requireNonNull(handler, "handler");
        inner.serve(connection -> {
            if (!admitForServe(connection)) {
                return; // the inner server closes it
            }
            try {
                handler.handle(connection);
            } finally {
                release(connection);
            }
        });
    }

    private boolean admitForServe(Connection connection) throws InterruptedException {
        if (whenFull != WhenFull.PAUSE) {
            if (tryAdmit(connection)) {
                return true;
            }
            reject(connection);
            return false;
        }
        lock.lock();
        try {
            while (open.size() + reserved >= max) {
                if (!connection.isOpen() || !inner.isOpen()) {
                    return false;
                }
                slotFreed.await(RECHECK_MILLIS, TimeUnit.MILLISECONDS);
            }
            open.add(connection);
            pauseIfFullLocked();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean tryAdmit(Connection connection) {
        lock.lock();
        try {
            if (open.size() + reserved >= max) {
                return false;
            }
            open.add(connection);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void reject(Connection connection) {
        Endpoint from = connection.remoteAddress();
        connection.close();
        IOException rejected = new IOException("Server " + inner.address() + " is at its limit of " + max
                + " open connections: closed the connection from " + from);
        try {
            errorHandler.accept(rejected);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "error handler of " + inner.address() + " threw", e);
        }
    }

    private void reserveSlot() throws IOException {
        lock.lock();
        try {
            while (open.size() + reserved >= max) {
                if (!inner.isOpen()) {
                    throw new SocketException("Server " + inner.address() + " is closed");
                }
                try {
                    slotFreed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException(
                            "Accepting on " + inner.address() + " was interrupted while at the limit of " + max);
                }
            }
            reserved++;
        } finally {
            lock.unlock();
        }
    }

    private void releaseReservation() {
        lock.lock();
        try {
            reserved--;
            slotFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Connection admitReserved(Connection connection) {
        lock.lock();
        try {
            reserved--;
            open.add(connection);
            return connection;
        } finally {
            lock.unlock();
        }
    }

    private void pauseIfFullLocked() {
        if (open.size() >= max && !pausedByLimit) {
            pausedByLimit = true;
            inner.pause();
        }
    }

    private void release(Connection connection) {
        lock.lock();
        try {
            if (!open.remove(connection)) {
                return;
            }
            if (pausedByLimit && open.size() < max) {
                pausedByLimit = false;
                if (!pausedByUser) {
                    inner.resume();
                }
            }
            slotFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Connection> connections() {
        lock.lock();
        try {
            return List.copyOf(open);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public OptionalInt maxConnections() {
        return whenFull == WhenFull.NONE ? OptionalInt.empty() : OptionalInt.of(max);
    }

    @Override
    public Endpoint address() {
        return inner.address();
    }

    @Override
    public void pause() {
        lock.lock();
        try {
            pausedByUser = true;
            inner.pause();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void resume() {
        lock.lock();
        try {
            pausedByUser = false;
            if (!pausedByLimit) {
                inner.resume();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isPaused() {
        return inner.isPaused();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public void shutdown(Duration grace) throws InterruptedException {
        try {
            inner.shutdown(grace);
        } finally {
            wakeWaiters();
        }
    }

    @Override
    public void close() {
        inner.close();
        wakeWaiters();
    }

    private void wakeWaiters() {
        lock.lock();
        try {
            slotFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "LimitingServer[" + inner + ", " + (whenFull == WhenFull.NONE ? "tracking" : whenFull + " at " + max) + "]";
    }
}
