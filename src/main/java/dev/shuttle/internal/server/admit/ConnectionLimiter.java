package dev.shuttle.internal.server.admit;

import dev.shuttle.Connection;
import dev.shuttle.ConnectionHandler;
import dev.shuttle.Endpoint;
import dev.shuttle.LimitingServer;
import dev.shuttle.ReadableHandler;
import dev.shuttle.Server;
import dev.shuttle.ServerStats;
import dev.shuttle.internal.server.serve.Admission;
import dev.shuttle.internal.server.serve.AdmittingServer;
import dev.shuttle.internal.server.serve.LimitRejection;
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
 * and keeps the admitted ones in order. It counts slots: one per connection that {@code accept}
 * returned (or is accepting for) until it is closed, and one per connection being served.
 *
 * <p>Over an {@link AdmittingServer} (every server of {@code Server.listen} and
 * {@code Server.inherited}), {@code serve} and {@code serveWhenReadable} give the limit to the
 * server's accept loop as an {@link Admission}: at the limit a pausing server accepts nothing more
 * and a rejecting one closes the connection before any TLS handshake, and {@code serveWhenReadable}
 * keeps its readiness loops. Over any other server the slot is taken in the handler, pausing
 * through the inner server's {@link Server#pause()}, and {@code serveWhenReadable} gives each
 * connection a thread of its own.
 */
public final class ConnectionLimiter implements LimitingServer {
    private static final System.Logger LOG = System.getLogger("dev.shuttle.server");
    /**
     * How often a wait for a slot checks that the server is still open, and looks for connections
     * closed without telling this server (through a stream, or the socket underneath).
     */
    private static final long RECHECK_MILLIS = 100;

    private enum WhenFull { REJECT, PAUSE, NONE }

    private final Server inner;
    /** The inner server, when its accept loop can apply the limit itself; null otherwise. */
    private final AdmittingServer admitting;
    private final int max;
    private final WhenFull whenFull;
    private final Consumer<Throwable> errorHandler;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFreed = lock.newCondition();
    /** The connections listed by {@link #connections()}, in the order they were admitted. */
    private final Set<Connection> open = new LinkedHashSet<>();
    /** The slots taken, of {@link #max}. */
    private int used;
    private boolean pausedByUser;
    private boolean pausedByLimit;

    private ConnectionLimiter(Server inner, int max, WhenFull whenFull, Consumer<Throwable> errorHandler) {
        this.inner = Objects.requireNonNull(inner, "server");
        this.admitting = inner instanceof AdmittingServer accepting ? accepting : null;
        if (max < 1 || errorHandler == null) {
            // The limited server owns the given one: a refused limit must not leave it listening.
            inner.close();
            Objects.requireNonNull(errorHandler, "errorHandler");
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + max);
        }
        this.errorHandler = errorHandler;
        this.max = max;
        this.whenFull = whenFull;
    }

    /** See {@link LimitingServer#rejecting(Server, int, Consumer)}. */
    public static LimitingServer rejecting(Server server, int max, Consumer<Throwable> errorHandler) {
        return new ConnectionLimiter(server, max, WhenFull.REJECT, errorHandler);
    }

    /** See {@link LimitingServer#pausing(Server, int)}. */
    public static LimitingServer pausing(Server server, int max) {
        return new ConnectionLimiter(server, max, WhenFull.PAUSE, error -> {});
    }

    /** See {@link LimitingServer#tracking(Server)}. */
    public static LimitingServer tracking(Server server) {
        return new ConnectionLimiter(server, Integer.MAX_VALUE, WhenFull.NONE, error -> {});
    }

    @Override
    public Connection accept() throws IOException {
        if (whenFull == WhenFull.PAUSE) {
            awaitSlotForAccept();
            Connection accepted;
            try {
                accepted = inner.accept();
            } catch (IOException | RuntimeException e) {
                releaseSlot();
                throw e;
            }
            return list(new TrackedConnection(accepted, this::closed));
        }
        while (true) {
            Connection accepted = inner.accept();
            if (tryTakeSlot()) {
                return list(new TrackedConnection(accepted, this::closed));
            }
            reject(accepted);
        }
    }

    @Override
    public void serve(ConnectionHandler handler) throws InterruptedException {
        Objects.requireNonNull(handler, "handler");
        if (admitting != null) {
            admitting.serve(handler, new AcceptLoopAdmission());
            return;
        }
        inner.serve(connection -> {
            if (!admitForServe(connection)) {
                return; // the inner server closes it
            }
            try {
                handler.handle(connection);
            } finally {
                unlist(connection);
                releaseSlot();
            }
        });
    }

    /**
     * Over a server that cannot apply the limit in its accept loop, each connection gets a thread
     * of its own (see {@link LimitingServer}); otherwise the server keeps its readiness loops.
     */
    @Override
    public void serveWhenReadable(ReadableHandler handler) throws InterruptedException {
        Objects.requireNonNull(handler, "handler");
        if (admitting != null) {
            admitting.serveWhenReadable(handler, new AcceptLoopAdmission());
            return;
        }
        LimitingServer.super.serveWhenReadable(handler);
    }

    /** The limit as an {@link AdmittingServer}'s accept loop asks for it; it also lists the connections served. */
    private final class AcceptLoopAdmission implements Admission {
        @Override
        public void awaitRoom() throws InterruptedException {
            if (whenFull != WhenFull.PAUSE) {
                return;
            }
            lock.lock();
            try {
                while (full() && inner.isOpen()) {
                    slotFreed.await(RECHECK_MILLIS, TimeUnit.MILLISECONDS);
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean admit(Connection accepted) throws InterruptedException {
            if (whenFull != WhenFull.PAUSE) {
                if (tryTakeSlot()) {
                    return true;
                }
                reject(accepted);
                return false;
            }
            // Taken by accept() since awaitRoom: this one connection waits, accepted, for a slot.
            return awaitSlot(accepted);
        }

        @Override
        public void serving(Connection connection) {
            list(connection);
        }

        @Override
        public void release(Connection connection) {
            lock.lock();
            try {
                open.remove(connection);
                freeSlotLocked();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Under another server's serve: takes a slot in the handler, pausing the server when full. */
    private boolean admitForServe(Connection connection) throws InterruptedException {
        if (whenFull != WhenFull.PAUSE) {
            if (tryTakeSlot()) {
                list(connection);
                return true;
            }
            reject(connection);
            return false;
        }
        lock.lock();
        try {
            if (!awaitSlot(connection)) {
                return false;
            }
            open.add(connection);
            if (full() && !pausedByLimit) {
                pausedByLimit = true;
                inner.pause();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a slot and takes it; false if the server closed first, or the connection (when
     * there is one waiting for the slot) did.
     */
    private boolean awaitSlot(Connection waiting) throws InterruptedException {
        lock.lock();
        try {
            while (full()) {
                if ((waiting != null && !waiting.isOpen()) || !inner.isOpen()) {
                    return false;
                }
                slotFreed.await(RECHECK_MILLIS, TimeUnit.MILLISECONDS);
            }
            used++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** {@link #awaitSlot} for {@code accept()}, whose ends are exceptions. */
    private void awaitSlotForAccept() throws IOException {
        try {
            if (!awaitSlot(null)) {
                throw new SocketException("Server " + inner.address() + " is closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(
                    "Accepting on " + inner.address() + " was interrupted while at the limit of " + max);
        }
    }

    private boolean tryTakeSlot() {
        lock.lock();
        try {
            if (full()) {
                return false;
            }
            used++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether every slot is taken, once those of connections closed unseen are back. Lock held. */
    private boolean full() {
        if (used < max) {
            return false;
        }
        sweepClosedLocked();
        return used >= max;
    }

    /**
     * Gives back the slots of connections from {@code accept} that were closed without telling
     * this server: through one of their streams, or the socket underneath. Lock held.
     */
    private void sweepClosedLocked() {
        for (var it = open.iterator(); it.hasNext(); ) {
            if (it.next() instanceof TrackedConnection tracked && !tracked.isOpen()) {
                it.remove();
                freeSlotLocked();
            }
        }
    }

    private void reject(Connection connection) {
        Endpoint from = connection.remoteAddress();
        connection.close();
        IOException rejected = new LimitRejection("Server " + inner.address() + " is at its limit of " + max
                + " open connections: closed the connection from " + from);
        try {
            errorHandler.accept(rejected);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "error handler of " + inner.address() + " threw", e);
        }
    }

    private <C extends Connection> C list(C connection) {
        lock.lock();
        try {
            open.add(connection);
            return connection;
        } finally {
            lock.unlock();
        }
    }

    private void unlist(Connection connection) {
        lock.lock();
        try {
            open.remove(connection);
        } finally {
            lock.unlock();
        }
    }

    /** A connection from {@code accept} was closed: gives its slot back, unless a sweep did. */
    private void closed(Connection tracked) {
        lock.lock();
        try {
            if (open.remove(tracked)) {
                freeSlotLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    private void releaseSlot() {
        lock.lock();
        try {
            freeSlotLocked();
        } finally {
            lock.unlock();
        }
    }

    private void freeSlotLocked() {
        used--;
        if (pausedByLimit && used < max) {
            pausedByLimit = false;
            if (!pausedByUser) {
                inner.resume();
            }
        }
        slotFreed.signalAll();
    }

    @Override
    public List<Connection> connections() {
        lock.lock();
        try {
            sweepClosedLocked();
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
    public void reloadCertificates() {
        inner.reloadCertificates();
    }

    @Override
    public void reloadCertificates(java.util.List<dev.shuttle.TlsCertificate> certificates) {
        inner.reloadCertificates(certificates);
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

    /** Paused by the user, or a pausing server at its limit. */
    @Override
    public boolean isPaused() {
        if (whenFull == WhenFull.PAUSE) {
            lock.lock();
            try {
                if (full()) {
                    return true;
                }
            } finally {
                lock.unlock();
            }
        }
        return inner.isPaused();
    }

    @Override
    public ServerStats stats() {
        return inner.stats();
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
