package dev.shuttle.internal.server.admit;

import dev.shuttle.Connection;
import dev.shuttle.ConnectionLimit;
import dev.shuttle.Endpoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The open connections of one server, and its {@link ConnectionLimit}: the {@link Admission} its
 * accept loop asks under {@code serve} and {@code serveWhenReadable}, and the same slots for the
 * connections {@code accept()} returns. Without a limit it only lists the connections.
 */
public final class ConnectionSlots implements Admission {
    /**
     * How often a wait for a slot checks that the server is still open, and looks for connections
     * from {@code accept()} closed without telling (through a stream, or the socket underneath).
     */
    private static final long RECHECK_MILLIS = 100;

    private final ConnectionLimit limit;
    private final Endpoint server;
    private final BooleanSupplier serverOpen;
    private final Consumer<IOException> rejected;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFreed = lock.newCondition();
    /** The connections listed by {@link #connections()}, in the order they were admitted. */
    private final Set<Connection> open = new LinkedHashSet<>();
    /** The slots taken, of the limit's maximum. */
    private int used;

    /**
     * Creates the slots of a server.
     *
     * @param limit the limit
     * @param server the server's address, for messages
     * @param serverOpen whether the server is still open: a wait for a slot ends when it is not
     * @param rejected told of each connection closed for being beyond a rejecting limit
     */
    public ConnectionSlots(ConnectionLimit limit, Endpoint server, BooleanSupplier serverOpen,
            Consumer<IOException> rejected) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.server = Objects.requireNonNull(server, "server");
        this.serverOpen = Objects.requireNonNull(serverOpen, "serverOpen");
        this.rejected = Objects.requireNonNull(rejected, "rejected");
    }

    @Override
    public void awaitRoom() throws InterruptedException {
        if (!limit.isPausing()) {
            return;
        }
        lock.lock();
        try {
            while (full() && serverOpen.getAsBoolean()) {
                slotFreed.await(RECHECK_MILLIS, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean admit(Connection accepted) throws InterruptedException {
        if (!limit.isPausing()) {
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
        lock.lock();
        try {
            open.add(connection);
        } finally {
            lock.unlock();
        }
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

    /** Accepts one connection. */
    @FunctionalInterface
    public interface Accept {
        Connection accept() throws IOException;
    }

    /**
     * Accepts for {@code Server.accept()} within the limit: a pausing limit waits for a slot before
     * accepting; a rejecting one closes and reports each connection beyond it and accepts the next.
     * The connection returned gives its slot back when it is closed.
     *
     * @param accept accepts (and prepares) one connection
     * @return the connection, listed
     * @throws IOException what {@code accept} throws; {@link SocketException} if the server closed
     *     during a wait for a slot; {@link InterruptedIOException} if the thread was interrupted
     */
    public Connection accept(Accept accept) throws IOException {
        if (limit.isPausing()) {
            try {
                if (!awaitSlot(null)) {
                    throw new SocketException("Server " + server + " is closed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Accepting on " + server + " was interrupted while at the limit of "
                        + limit.max());
            }
            Connection accepted;
            try {
                accepted = accept.accept();
            } catch (IOException | RuntimeException | Error e) {
                release(null);
                throw e;
            }
            return listed(accepted);
        }
        while (true) {
            Connection accepted = accept.accept();
            if (tryTakeSlot()) {
                return listed(accepted);
            }
            reject(accepted);
        }
    }

    private Connection listed(Connection accepted) {
        TrackedConnection tracked = new TrackedConnection(accepted, this::closedUnseen);
        serving(tracked);
        return tracked;
    }

    /** {@return whether a pausing limit is reached now: the server accepts nothing until a slot frees} */
    public boolean pausedAtLimit() {
        if (!limit.isPausing()) {
            return false;
        }
        lock.lock();
        try {
            return full();
        } finally {
            lock.unlock();
        }
    }

    /** {@return the open connections, in the order they were admitted} */
    public List<Connection> connections() {
        lock.lock();
        try {
            sweepClosedLocked();
            return List.copyOf(open);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every wait for a slot, to see that the server closed. */
    public void wakeWaiters() {
        lock.lock();
        try {
            slotFreed.signalAll();
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
                if ((waiting != null && !waiting.isOpen()) || !serverOpen.getAsBoolean()) {
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
        if (used < limit.max()) {
            return false;
        }
        sweepClosedLocked();
        return used >= limit.max();
    }

    /**
     * Gives back the slots of connections from {@code accept()} that were closed without telling:
     * through one of their streams, or the socket underneath. Lock held.
     */
    private void sweepClosedLocked() {
        for (var it = open.iterator(); it.hasNext(); ) {
            if (it.next() instanceof TrackedConnection tracked && !tracked.isOpen()) {
                it.remove();
                freeSlotLocked();
            }
        }
    }

    /** A connection from {@code accept()} was closed: gives its slot back, unless a sweep did. */
    private void closedUnseen(Connection tracked) {
        lock.lock();
        try {
            if (open.remove(tracked)) {
                freeSlotLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    private void freeSlotLocked() {
        used--;
        slotFreed.signalAll();
    }

    private void reject(Connection connection) {
        Endpoint from = connection.remoteAddress();
        connection.close();
        rejected.accept(new LimitRejection("Server " + server + " is at its limit of " + limit.max()
                + " open connections: closed the connection from " + from));
    }

    @Override
    public String toString() {
        return "ConnectionSlots[" + limit + ", " + server + "]";
    }
}
