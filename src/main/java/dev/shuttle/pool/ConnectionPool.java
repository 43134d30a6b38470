package dev.shuttle.pool;

import dev.shuttle.ConnectListener;
import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.internal.pool.PooledConnection;
import dev.shuttle.internal.pool.Pool;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * A connector that keeps connections open for reuse: persistent connections, several per endpoint.
 *
 * <p>{@link #connect(Endpoint)} borrows an idle connection to the URI's endpoint (its canonical form,
 * see {@link Endpoint}) or opens one through the connector underneath; closing the connection gives
 * it back. A connection is not reused, but closed, when it was {@linkplain #discard(Connection)
 * discarded}, when a read or write on it failed or timed out or reached end of stream, after
 * {@link Connection#shutdownOutput()}, when bytes were left unread, when it is closed while another
 * thread still reads or writes on it (that read or write then fails with an
 * {@link java.io.IOException}), and when its {@link Connection#input() input()} or
 * {@link Connection#output() output()} stream was closed: closing a stream discards the connection,
 * so a {@code BufferedReader} or {@code PrintWriter} over it in a try-with-resources block turns
 * pooling off. Close the connection, not its streams. Before an idle connection
 * is handed out again, the pool checks without blocking that its peer has neither sent anything nor
 * closed it, and otherwise opens a fresh one. So give a connection back only between two complete
 * exchanges of your protocol, and discard it on any doubt.
 *
 * <p>An endpoint has at most {@link PoolOptions#maxConnectionsPerEndpoint()} connections, in use
 * and idle together; a connect beyond that waits, in arrival order, up to
 * {@link PoolOptions#maxWait()}, then throws {@link java.net.SocketTimeoutException} naming the URI
 * and the limit (a connect that could not be made in time, as a connect timeout). Interrupting a
 * waiting thread throws {@link java.io.InterruptedIOException} at once, the interrupt flag kept.
 *
 * <p>The pool is thread-safe and starts no thread: idle connections past their timeout or lifetime
 * are closed during the pool's next connect or give-back for their endpoint, for other endpoints
 * by a sweep that runs during a connect or give-back at most once per quarter of the idle timeout
 * (see {@link PoolOptions.Builder#idleTimeout(java.time.Duration)}), and by {@link #close()}. It stacks like
 * any connector: the connector underneath can be any, and decorators such as
 * {@link Connector#withTimeout(java.time.Duration)} can wrap the pool (the time waited for a free
 * connection then counts in the timeout).
 *
 * {@snippet :
 * try (ConnectionPool pool = ConnectionPool.create(Connector.create(), PoolOptions.defaults())) {
 *     try (Connection connection = pool.connect("tcp://example.com:6379")) {
 *         connection.output().write(command);
 *         readReply(connection.input());
 *     } // given back to the pool, open
 *     try (Connection connection = pool.connect("tcp://example.com:6379")) { // the same socket
 *         ...
 *     }
 * } // closes every idle connection; those in use close when given back
 * }
 */
public interface ConnectionPool extends Connector, AutoCloseable {

    /**
     * Creates a pool with the default options (see {@link PoolOptions#defaults()}).
     *
     * @param connector opens the connections, such as {@link Connector#create()}
     * @return the pool; close it when done
     */
    static ConnectionPool create(Connector connector) {
        return create(connector, PoolOptions.defaults());
    }

    /**
     * Creates a pool.
     *
     * @param connector opens the connections, such as {@link Connector#create()}
     * @param options the limits and timeouts
     * @return the pool; close it when done
     */
    static ConnectionPool create(Connector connector, PoolOptions options) {
        return new Pool(Objects.requireNonNull(connector, "connector"), Objects.requireNonNull(options, "options"));
    }

    /**
     * Borrows a connection to the endpoint: an idle one that passed the check, else a new one
     * through the connector underneath, waiting when the endpoint is at its limit. Closing the
     * connection gives it back.
     *
     * @param endpoint where to connect
     * @return the connection, for the calling thread's use until it closes it
     * @throws IllegalArgumentException if the endpoint is {@code udp://} (datagrams have no
     *     connection to pool: use {@code UdpSocket}), before any I/O
     * @throws IllegalStateException if the pool is closed, or is closed while this call waits
     * @throws java.net.SocketTimeoutException if no connection became free within
     *     {@link PoolOptions#maxWait()}
     * @throws java.io.InterruptedIOException if the calling thread was interrupted
     * @throws IOException what the connector underneath throws
     */
    @Override
    Connection connect(Endpoint endpoint) throws IOException;

    /**
     * {@return for every endpoint with connections or waiting callers, how many are idle, in use and
     * waiting, at one moment}
     */
    Map<Endpoint, Stats> stats();

    /**
     * {@return the counts of one endpoint; all zero when the pool has nothing for it}
     *
     * @param endpoint the endpoint
     */
    Stats stats(Endpoint endpoint);

    /**
     * {@return the counts of one endpoint given as a URI; all zero when the pool has nothing for it}
     *
     * @param uri the endpoint, in any form {@link Endpoint#parse(String)} accepts
     * @throws IllegalArgumentException if the URI is malformed
     */
    default Stats stats(String uri) {
        return stats(Endpoint.parse(uri));
    }

    /**
     * Closes every idle connection at once, wakes every waiting connect (which throws
     * {@link IllegalStateException}), and makes connections in use close when they are given back.
     * Later connects throw {@link IllegalStateException}. A connect running at the same moment,
     * already past its wait, may still return a live connection; it is closed, not kept, when
     * given back. Calling it again does nothing. Does not block on the network: closing a socket
     * does not wait for the peer.
     */
    @Override
    void close();

    /**
     * Closes a connection without giving it back to its pool, for a connection that is broken or
     * whose protocol state is unknown (an exchange cut short, a timeout, an unexpected reply). Its
     * place in the pool is freed. For a connection that is not from a pool, the same as
     * {@link Connection#close()}. Calling it again, or after close, does nothing.
     *
     * @param connection the connection
     */
    static void discard(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        if (connection instanceof PooledConnection pooled) {
            pooled.discard();
        } else {
            connection.close();
        }
    }

    /**
     * How many connections of one endpoint are idle and in use, and how many connects wait.
     *
     * @param idle open connections waiting in the pool
     * @param inUse connections borrowed, or being opened, and not yet given back
     * @param waiting connects waiting for a connection to become free
     */
    record Stats(int idle, int inUse, int waiting) {
        /** The counts of an endpoint the pool has nothing for. */
        public static final Stats NONE = new Stats(0, 0, 0);
    }
}
