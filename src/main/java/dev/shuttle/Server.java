package dev.shuttle;

import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.internal.server.ListenByScheme;
import java.io.Closeable;
import java.io.IOException;

/**
 * A listening socket that accepts connections: TCP ({@code tcp://}), TLS ({@code tls://}) or Unix
 * ({@code unix://}, with or without TLS).
 *
 * <p>Either {@link #serve(ConnectionHandler) serve} connections, each on a virtual thread of its
 * own, or {@link #accept() accept} them one at a time. An error while accepting (a client that
 * reset, too many open files, a failed TLS handshake) goes to the
 * {@linkplain ServerOptions#errorHandler() error handler} and the server keeps serving. A TLS
 * handshake runs on the connection's own virtual thread, never in the accept loop.
 *
 * {@snippet :
 * try (Server server = Server.listen("tcp://127.0.0.1:8080")) {
 *     server.serve(connection -> connection.input().transferTo(connection.output()));
 * }
 * }
 */
public interface Server extends Closeable {

    /**
     * Listens with the default options; see {@link #listen(String, ServerOptions)}.
     *
     * @param uri where to listen
     * @return the listening server
     * @throws IllegalArgumentException if the URI is malformed, before any I/O
     * @throws java.net.BindException if the address is in use or not local, naming the address
     * @throws IOException if the listener cannot be opened
     */
    static Server listen(String uri) throws IOException {
        return listen(uri, ServerOptions.defaults());
    }

    /**
     * Starts listening. {@code tcp://127.0.0.1:0} picks a free port (see {@link #address()});
     * {@code tcp://[::]:8080} listens on every address, IPv4 and IPv6; {@code unix:///run/app.sock}
     * listens on a Unix socket, replacing a stale socket file left by a dead process;
     * {@code tls://[::]:8443} serves TLS with the certificates of {@link ServerOptions#tls()}, as
     * does {@code unix://} when TLS options are given.
     *
     * @param uri where to listen: {@code tcp://ip:port}, {@code tls://ip:port},
     *     {@code tcp://localhost:port} or {@code unix:///absolute/path}
     * @param options the server's options
     * @return the listening server
     * @throws IllegalArgumentException if the URI is malformed or names a host other than an IP
     *     address or {@code localhost}, or if {@code tls://} comes without TLS options (or
     *     {@code tcp://} with them), before any I/O
     * @throws java.net.BindException if the address is in use (for Unix sockets: held by a live
     *     server, or a file that is not a socket) or not local, naming the address
     * @throws IOException if the listener cannot be opened
     */
    static Server listen(String uri, ServerOptions options) throws IOException {
        return ListenByScheme.listen(uri, options);
    }

    /**
     * Serves on a listening socket this process inherited on its standard input
     * ({@link System#inheritedChannel()}), as systemd socket activation with
     * {@code StandardInput=socket} or inetd's {@code wait} mode give it: TCP or Unix. The socket is
     * already bound, so only the options about accepted connections and errors apply
     * (connection options, error handler, accept backoff) and TLS: with
     * {@link ServerOptions.Builder#tls TLS options} the server handshakes each connection and its
     * address of a TCP socket is {@code tls://}.
     *
     * @param options the server's options
     * @return the server over the inherited socket; closing it closes the socket
     * @throws IOException if the standard input is not a listening socket (the message says what it
     *     is), or it cannot be read
     */
    static Server inherited(ServerOptions options) throws IOException {
        return ListenByScheme.inherited(options);
    }

    /**
     * Waits for the next connection and returns it. While the server is
     * {@linkplain #pause() paused}, waits until it is resumed.
     *
     * @return the accepted connection; the caller closes it
     * @throws java.nio.channels.ClosedChannelException or {@link java.net.SocketException} if the
     *     server is or gets closed
     * @throws java.io.InterruptedIOException if the thread is interrupted while the server is
     *     paused (the interrupt flag is kept). Interrupting a thread blocked in the accept system
     *     call itself closes the listening socket (the JDK does so): the server is then closed and
     *     this method throws {@link java.net.SocketException}
     * @throws IOException if accepting failed; the server stays usable
     */
    Connection accept() throws IOException;

    /**
     * Serves connections until the server is closed: accepts each and runs the handler on a
     * virtual thread of its own, inside one structured scope. Returns only after the server is
     * closed and every handler has returned. {@link #close()} (and {@link #shutdown} when its
     * grace ends) closes the connections still open and interrupts their handlers, so a handler
     * blocked on its connection, a lock, a latch, a queue or a sleep ends: {@code serve} returns
     * as soon as every handler has reacted to that, typically within milliseconds. Only a handler
     * that ignores both its interrupt and its closed connection (a loop that never blocks, say)
     * keeps it waiting.
     *
     * <p>A handler's exception closes its connection and goes to the error handler; an accept
     * error goes to the error handler and the server tries again after a short backoff.
     * Interrupting the thread in {@code serve} closes the server. The server is never left open
     * without accepting: if serving ends for any other reason than {@link #close()} or
     * {@link #shutdown}, the server closes as {@code close()} does and this method throws what
     * ended it.
     *
     * @param handler what to do with each connection; its connection is closed when it returns
     * @throws InterruptedException if the calling thread was interrupted; the server is closed
     *     and every handler has finished
     * @throws IllegalStateException if the server is already serving
     * @throws Error the very {@code Error} a handler or the error handler threw (a handler's
     *     {@code RuntimeException} or checked exception goes to the error handler instead), or
     *     one that ended the accept loop (a thread that could not start); the server is closed
     *     and every handler has finished. Later errors are suppressed in it
     */
    void serve(ConnectionHandler handler) throws InterruptedException;

    /**
     * Serves connections until the server is closed, calling the handler each time a connection
     * has data to read instead of giving each connection a thread for its whole life: between
     * calls, a TCP or Unix connection waits in a selector of the server, without a thread, which
     * takes an idle connection's memory from a few kilobytes (a parked virtual thread's stack) to
     * little more than its socket. Calls run inline on the loop's thread (two loops, each with
     * its selector, per core) while they do not wait; a call that waits costs a hand-over of the loop
     * to a new virtual thread, and a call that runs long without waiting delays the loop's other
     * connections for a time slice, one to two milliseconds (see {@link ReadableHandler}).
     * Every thread belongs to the same structured scope as {@link #serve}; the same rules hold for
     * errors, interrupts and closing. {@link #shutdown} closes connections that are waiting between
     * calls at once and lets calls in progress finish.
     *
     * <p>So a connection costs, per message, about what it costs in an event loop: a read and a
     * write. TLS connections (their records are decrypted ahead of the socket), and servers of other
     * implementations that keep this default, keep a thread per connection: the
     * thread waits for data between calls (without the connection's read timeout, which bounds
     * only the waits inside a call, as on a selector) and then calls the handler. On TCP and Unix connections, reach the socket only through the connection's streams:
     * the socket underneath ({@link Connection#unwrap}) is in non-blocking mode.
     *
     * @param handler called with each connection that has data to read; see {@link ReadableHandler}
     * @throws InterruptedException if the calling thread was interrupted; the server is closed
     *     and every call has finished
     * @throws IllegalStateException if the server is already serving
     */
    default void serveWhenReadable(ReadableHandler handler) throws InterruptedException {
        java.util.Objects.requireNonNull(handler, "handler");
        serve(connection -> dev.shuttle.internal.server.readable.OwnThreadCalls.run(handler, connection));
    }

    /**
     * Reloads a TLS server's certificates from the files they were read from
     * ({@link TlsCertificate#files()}), without a restart: handshakes that start afterwards
     * present the renewed certificates; connections already made, and handshakes under way, are
     * untouched. All or nothing: if a file cannot be read or does not fit, nothing changes and
     * the exception names the file. Certificates made in memory stay as they are. To reload on
     * every change of the files, see {@link dev.shuttle.tls.TlsServerOptions.Builder#watchCertificateFiles}.
     *
     * {@snippet :
     * // after certbot renewed /etc/app/tls.crt and tls.key:
     * server.reloadCertificates();
     * }
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it (unreadable, no
     *     certificate or key in it, a key that does not belong to the certificate, a wrong
     *     passphrase); the server goes on with the certificates it had
     * @throws IllegalStateException if this is not a TLS server
     */
    default void reloadCertificates() {
        throw new IllegalStateException(address() + " is not a TLS server: it has no certificates to reload");
    }

    /**
     * Replaces a TLS server's certificates without a restart, as {@link #reloadCertificates()}
     * does, with certificates the caller has read (and so checked) already.
     *
     * @param certificates the new certificates, the default first (as for
     *     {@link dev.shuttle.tls.TlsServerOptions.Builder#certificate(dev.shuttle.tls.TlsCertificate)}); the others are chosen by SNI
     * @throws IllegalArgumentException if the list is empty
     * @throws IllegalStateException if this is not a TLS server
     */
    default void reloadCertificates(java.util.List<TlsCertificate> certificates) {
        throw new IllegalStateException(address() + " is not a TLS server: it has no certificates to reload");
    }

    /** {@return the address the server listens on, with the real port when it was asked for port 0} */
    Endpoint address();

    /**
     * Stops accepting until {@link #resume()}: new clients wait in the kernel's backlog. A
     * connection accepted at the very moment of pausing (at most one per thread blocked in
     * {@link #accept()}) is held back and handed on at resume, or closed by {@link #close()}.
     */
    void pause();

    /** Accepts again after {@link #pause()}. Does nothing if not paused. */
    void resume();

    /** {@return whether the server is paused} */
    boolean isPaused();

    /** {@return whether the server is still listening} */
    boolean isOpen();

    /**
     * {@return the connections this server accepted that are open now, those being served and
     * those {@link #accept()} returned, in the order they were accepted} A snapshot: it does not
     * change as connections open and close. These are what a {@link ConnectionLimit} counts.
     */
    java.util.List<Connection> connections();

    /**
     * {@return what the server has seen since it started: connections accepted, connections being
     * served, and failures by reason, as an immutable snapshot} Clients that fail as networks do
     * (resets, timeouts, failed TLS handshakes) are counted here by reason and logged only at
     * {@code DEBUG} by the default error handler, so this is where to watch them. Cheap enough to
     * call often: it reads a few counters.
     */
    ServerStats stats();

    /**
     * Shuts down gracefully: stops accepting at once (new clients are refused), lets the running
     * handlers finish for up to {@code grace}, then closes the connections still open and
     * interrupts their handlers, as {@link #close()} does. Blocks until the handlers have finished
     * or the grace period is over; {@link #serve} returns once the last handler has returned.
     * Called from one of this server's own handlers, it does not wait at all (that handler would
     * wait for itself): it stops accepting and returns, and the server ends the other handlers
     * when the grace is over. Connections returned by {@link #accept()} belong to the caller and
     * stay open.
     *
     * @param grace how long running handlers may take to finish; zero closes at once
     * @throws InterruptedException if interrupted while waiting; the connections still open are
     *     then closed at once
     */
    void shutdown(java.time.Duration grace) throws InterruptedException;

    /**
     * Stops listening at once, closes the connections handed to {@link #serve} handlers that
     * are still open and interrupts those handlers; {@link #serve} returns once they have ended.
     * Does not wait for them. Calling it again does nothing. Connections returned by
     * {@link #accept()} belong to the caller and stay open.
     */
    @Override
    void close();
}
