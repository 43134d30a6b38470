package dev.shuttle.internal.combinator;

import dev.shuttle.testing.Bounded;
import dev.shuttle.testing.FakeConnection;
import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.Connector;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** In-process connectors for the combinator tests: no sockets, controlled by latches. */
final class Fakes {
    private Fakes() {}

    /** A connector that records its calls and answers from a script, one step per call. */
    static final class Scripted implements Connector {
        interface Step {
            Connection run(String uri) throws IOException;
        }

        private final List<Step> steps;
        private final AtomicInteger calls = new AtomicInteger();
        final List<String> uris = new CopyOnWriteArrayList<>();
        final List<FakeConnection> opened = new CopyOnWriteArrayList<>();
        final String name;

        Scripted(String name, Step... steps) {
            this.name = name;
            this.steps = List.of(steps);
        }

        @Override
        public Connection connect(Endpoint endpoint) throws IOException {
            String uri = endpoint.toString();
            int call = calls.getAndIncrement();
            uris.add(uri);
            Connection connection = steps.get(Math.min(call, steps.size() - 1)).run(uri);
            if (connection instanceof FakeConnection fake) {
                opened.add(fake);
            }
            return connection;
        }

        int calls() {
            return calls.get();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Scripted succeeding(String name) {
        return new Scripted(name, FakeConnection::new);
    }

    static Scripted refusing(String name) {
        return new Scripted(name, uri -> {
            throw new ConnectException("Connection to " + uri + " failed: Connection refused (" + name + ")");
        });
    }

    static Scripted.Step refused(String why) {
        return uri -> {
            throw new ConnectException("Connection to " + uri + " failed: " + why);
        };
    }

    /**
     * A connector whose connect signals {@code started}, then blocks until interrupted and throws
     * as a real socket does; {@code interrupted} tells whether it was cancelled.
     */
    static final class Hanging implements Connector {
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicBoolean interrupted = new AtomicBoolean();

        @Override
        public Connection connect(Endpoint endpoint) throws IOException {
            String uri = endpoint.toString();
            started.countDown();
            try {
                Bounded.await(new CountDownLatch(1));
                throw new AssertionError("unreachable");
            } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
                InterruptedIOException aborted = new InterruptedIOException("Connection to " + uri + " was interrupted");
                aborted.initCause(e);
                throw aborted;
            }
        }

        @Override
        public String toString() {
            return "Hanging";
        }
    }

    /**
     * A connector that blocks until interrupted and then connects anyway: a connection that
     * completes at the very moment it is cancelled.
     */
    static final class LateWinner implements Connector {
        final CountDownLatch started = new CountDownLatch(1);
        volatile FakeConnection returned;

        @Override
        public Connection connect(Endpoint uri) {
            started.countDown();
            try {
                Bounded.await(new CountDownLatch(1));
            } catch (InterruptedException e) {
                // Cancelled, but the connect had already completed: hand the connection back.
            }
            returned = new FakeConnection(uri);
            return returned;
        }

        @Override
        public String toString() {
            return "LateWinner";
        }
    }
}
