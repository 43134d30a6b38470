package dev.shuttle;

import dev.shuttle.internal.server.admit.ConnectionLimiter;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * A server that keeps at most N connections open at once and lists the open ones. It decorates
 * another {@link Server} and is one itself: it counts the connections its {@link #serve serve}
 * handlers hold and those {@link #accept()} returned until they are closed.
 *
 * <p>What happens to a connection beyond the limit depends on the factory: {@link #rejecting}
 * closes it at once and reports an {@link java.io.IOException} to the error handler;
 * {@link #pausing} stops accepting until a connection closes, so new clients wait in the kernel's
 * backlog; {@link #tracking} has no limit and only lists them.
 *
 * <p>Over a server of {@link Server#listen} or {@link Server#inherited}, {@link #serve serve} and
 * {@link #serveWhenReadable serveWhenReadable} apply the limit in the server's accept loop, before
 * a connection's TLS handshake: a full pausing server accepts nothing, and a rejecting one closes
 * each connection beyond the limit without a handshake, so clients beyond the limit cost neither
 * a thread nor a handshake; {@code serveWhenReadable} keeps its readiness loops. Over any other
 * server, {@code serveWhenReadable} gives each connection a thread of its own, as
 * {@link Server#serveWhenReadable} does by default. A connection
 * from {@link #accept()} holds its slot until it is closed in any way (by {@link Connection#close},
 * one of its streams, or the socket underneath; the last two are noticed when a slot is needed).
 *
 * {@snippet :
 * try (LimitingServer server = LimitingServer.pausing(Server.listen("tcp://[::]:8080"), 1000)) {
 *     server.serve(connection -> connection.input().transferTo(connection.output()));
 * }
 * }
 */
public interface LimitingServer extends Server {

    /**
     * At most {@code maxConnections} open; each connection beyond is closed as soon as it is
     * accepted (before any TLS handshake, over a server of {@link Server#listen}), and an
     * {@link java.io.IOException} naming the server and the limit goes to the error handler.
     *
     * @param server the server to limit; the returned server owns it and closes it
     * @param maxConnections at least 1
     * @param errorHandler receives one exception per rejected connection
     * @return the limiting server
     * @throws IllegalArgumentException if {@code maxConnections} is below 1
     */
    static LimitingServer rejecting(Server server, int maxConnections, Consumer<Throwable> errorHandler) {
        return ConnectionLimiter.rejecting(server, maxConnections, errorHandler);
    }

    /**
     * As {@link #rejecting(Server, int, Consumer)}, reporting rejections to the default error
     * handler of {@link ServerOptions}, which logs them as it logs what clients do
     * ({@link ServerStats.ClientFailure#OVER_LIMIT}): a line at DEBUG each, and a summary at INFO
     * at most once a minute.
     *
     * @param server the server to limit; the returned server owns it and closes it
     * @param maxConnections at least 1
     * @return the limiting server
     * @throws IllegalArgumentException if {@code maxConnections} is below 1
     */
    static LimitingServer rejecting(Server server, int maxConnections) {
        return rejecting(server, maxConnections, ServerOptions.defaults().errorHandler());
    }

    /**
     * At most {@code maxConnections} open; at the limit the server stops accepting until one
     * closes, and new clients wait in the kernel's backlog. {@link #accept()} blocks until a slot
     * is free. Under {@link #serve} over a server of {@link Server#listen} or
     * {@link Server#inherited}, the accept loop waits for a slot before it accepts; over any other
     * server, a connection its acceptor took in the instant the limit was reached waits, unserved
     * and not listed, until a slot is free.
     *
     * @param server the server to limit; the returned server owns it and closes it
     * @param maxConnections at least 1
     * @return the limiting server
     * @throws IllegalArgumentException if {@code maxConnections} is below 1
     */
    static LimitingServer pausing(Server server, int maxConnections) {
        return ConnectionLimiter.pausing(server, maxConnections);
    }

    /**
     * No limit: only keeps the list of open connections.
     *
     * @param server the server whose connections to track; the returned server owns it
     * @return the tracking server
     */
    static LimitingServer tracking(Server server) {
        return ConnectionLimiter.tracking(server);
    }

    /**
     * {@return the connections open now, in the order they were admitted: an immutable snapshot}
     * Connections from {@link #accept()} are listed until the caller closes them; those of
     * {@link #serve} handlers until the handler returns.
     */
    List<Connection> connections();

    /** {@return the limit, or empty for a {@linkplain #tracking tracking} server} */
    OptionalInt maxConnections();
}
