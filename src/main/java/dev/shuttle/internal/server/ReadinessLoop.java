package dev.shuttle.internal.server;

import dev.shuttle.Connection;
import dev.shuttle.ReadableHandler;
import dev.shuttle.internal.concurrent.TaskScope;
import dev.shuttle.internal.concurrent.TaskScopes;
import dev.shuttle.internal.io.SelectableConnection;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

/**
 * The connections of {@code serveWhenReadable} between two handler calls: each waits in one
 * selector, in non-blocking mode, without a thread. When one turns readable, its key is cancelled
 * and a virtual thread of this loop's scope switches it back to blocking mode and calls the
 * handler; a {@code true} answer brings it back here.
 *
 * <p>Only the loop's own thread touches the selector's keys. A key cancelled in one round of
 * {@link Selector#select} is removed by the next one, and a channel can join the selector again
 * only after that: a connection handed back by a handler is registered after the following
 * select, never in the round its key was cancelled in.
 */
final class ReadinessLoop {
    private static final System.Logger LOG = System.getLogger("dev.shuttle.server");

    /** What the loop needs from the server it serves for. */
    interface Owner {
        boolean isOpen();

        /** Called once per connection when it is done: closes it and forgets it. */
        void finished(Connection connection);

        void report(Throwable error);

        /** Closes the server: called when the loop cannot go on (its selector failed). */
        void close();
    }

    private final Owner owner;
    private final ReadableHandler handler;
    private final String name;
    private final Selector selector;
    private final Queue<Connection> arrivals = new ConcurrentLinkedQueue<>();
    private final List<Connection> ready = new ArrayList<>();

    ReadinessLoop(Owner owner, ReadableHandler handler, String name) throws IOException {
        this.owner = owner;
        this.handler = handler;
        this.name = name;
        this.selector = Selector.open();
    }

    /** {@return whether the connection can wait in this loop instead of on a thread} */
    static boolean canWait(Connection connection) {
        return connection instanceof SelectableConnection selectable && selectable.selectableChannel() != null;
    }

    /**
     * Hands a connection to the loop, to wait for data without a thread. Any thread may call it.
     * The connection must be {@linkplain #canWait waitable}.
     */
    void await(Connection connection) {
        try {
            ((SelectableConnection) connection).selectableChannel().configureBlocking(false);
        } catch (IOException e) {
            owner.finished(connection);
            return;
        }
        arrivals.add(connection);
        selector.wakeup();
    }

    /** Wakes the loop, to notice that its server closed. Any thread may call it. */
    void wakeup() {
        selector.wakeup();
    }

    /**
     * Runs until the server closes, then closes the connections still waiting and returns once
     * every handler call has returned.
     */
    void run() {
        try (TaskScope scope = TaskScopes.open(name)) {
            try {
                while (owner.isOpen()) {
                    selector.select(this::becameReady);
                    registerArrivals();
                    for (Connection connection : ready) {
                        scope.fork(() -> {
                            call(connection);
                            return false;
                        });
                    }
                    ready.clear();
                }
            } catch (IOException | RuntimeException e) {
                // Without its selector no connection could be served again: say so and stop.
                owner.report(e);
                owner.close();
            } finally {
                closeWaiting();
            }
            try {
                scope.join();
            } catch (InterruptedException | TimeoutException e) {
                LOG.log(Level.DEBUG, "readiness loop join ended early: " + e);
            }
        }
        // A call that ended as the server closed may have handed its connection back late.
        Connection late;
        while ((late = arrivals.poll()) != null) {
            owner.finished(late);
        }
    }

    private void becameReady(SelectionKey key) {
        key.cancel();
        ready.add((Connection) key.attachment());
    }

    private void registerArrivals() {
        Connection connection;
        while ((connection = arrivals.poll()) != null) {
            SocketChannel channel = ((SelectableConnection) connection).selectableChannel();
            try {
                channel.register(selector, SelectionKey.OP_READ, connection);
            } catch (ClosedChannelException | RuntimeException e) {
                owner.finished(connection);
            }
        }
    }

    private void call(Connection connection) {
        boolean keep = false;
        try {
            SocketChannel channel = ((SelectableConnection) connection).selectableChannel();
            channel.configureBlocking(true);
            keep = handler.onReadable(connection);
            while (keep && owner.isOpen() && !canWait(connection)) {
                // It started reading ahead (a read timeout on a Unix socket): it keeps its thread.
                keep = handler.onReadable(connection);
            }
        } catch (Throwable failure) {
            if (owner.isOpen() || !(failure instanceof IOException)) {
                owner.report(failure);
            }
        }
        if (keep && owner.isOpen() && connection.isOpen()) {
            await(connection);
        } else {
            owner.finished(connection);
        }
    }

    private void closeWaiting() {
        for (SelectionKey key : selector.keys()) {
            if (key.isValid()) {
                owner.finished((Connection) key.attachment());
            }
        }
        Connection connection;
        while ((connection = arrivals.poll()) != null) {
            owner.finished(connection);
        }
        ready.forEach(owner::finished);
        ready.clear();
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the selector of " + name + " failed: " + e);
        }
    }
}
