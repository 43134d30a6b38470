package dev.shuttle.testing;

import dev.shuttle.ConnectionHandler;
import dev.shuttle.ReadableHandler;
import dev.shuttle.Server;

/**
 * A server serving on a virtual thread of its own, for a test: it keeps how {@code serve} ended
 * (returned, or what it threw), and {@link #close()} closes the server and waits, with a bound,
 * for {@code serve} to return.
 */
public final class Serving implements AutoCloseable {
    /** A way to serve: {@code serve}, {@code serveWhenReadable}, with a handler. */
    @FunctionalInterface
    public interface Call {
        /**
         * Serves until the server closes.
         *
         * @param server the server
         * @throws InterruptedException if the serving thread is interrupted
         */
        void serve(Server server) throws InterruptedException;
    }

    private final Server server;
    private final Thread thread;
    private volatile boolean returned;
    private volatile Throwable thrown;

    private Serving(Server server, Call call) {
        this.server = server;
        this.thread = Thread.ofVirtual().name("serving " + server.address()).start(() -> {
            try {
                call.serve(server);
                returned = true;
            } catch (Throwable e) {
                thrown = e;
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    /**
     * Starts serving.
     *
     * @param server the server
     * @param call how to serve
     * @return the serving thread's handle
     */
    public static Serving start(Server server, Call call) {
        return new Serving(server, call);
    }

    /**
     * Starts {@link Server#serve} with the handler.
     *
     * @param server the server
     * @param handler the handler
     * @return the serving thread's handle
     */
    public static Serving serve(Server server, ConnectionHandler handler) {
        return start(server, s -> s.serve(handler));
    }

    /**
     * Starts {@link Server#serveWhenReadable} with the handler.
     *
     * @param server the server
     * @param handler the handler
     * @return the serving thread's handle
     */
    public static Serving serveWhenReadable(Server server, ReadableHandler handler) {
        return start(server, s -> s.serveWhenReadable(handler));
    }

    /** {@return the server} */
    public Server server() {
        return server;
    }

    /** {@return whether {@code serve} is still running} */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** {@return whether {@code serve} returned normally} (false while it runs) */
    public boolean returnedNormally() {
        return returned;
    }

    /** {@return what {@code serve} threw, or null if it returned normally or still runs} */
    public Throwable thrown() {
        return thrown;
    }

    /**
     * Waits for {@code serve} to end without closing the server.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError if it did not end within {@link Bounded#BOUND}
     */
    public void awaitEnd() throws InterruptedException {
        Bounded.join(thread, "serve() of " + server.address());
    }

    /**
     * Closes the server and waits for {@code serve} to return.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError if {@code serve} did not return within {@link Bounded#BOUND} after the close
     */
    @Override
    public void close() throws InterruptedException {
        server.close();
        awaitEnd();
    }
}
