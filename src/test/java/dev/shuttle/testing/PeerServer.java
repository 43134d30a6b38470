package dev.shuttle.testing;

import dev.shuttle.Connection;
import dev.shuttle.ConnectionHandler;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server for client tests that counts its connections: how many are open now, the
 * most open at once, how many it accepted. Its handler runs on a virtual thread per connection.
 */
public final class PeerServer implements AutoCloseable {
    private final Server server;
    private final Thread serving;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    private PeerServer(String listenUri, ServerOptions options, ConnectionHandler handler) throws IOException {
        // Clients in these tests reset connections on purpose: the server's error reports are noise.
        this.server = Server.listen(listenUri, options.toBuilder().errorHandler(error -> {}).build());
        this.serving = Thread.ofVirtual().name("peer-server").start(() -> {
            try {
                server.serve(connection -> {
                    accepted.incrementAndGet();
                    mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                    try {
                        handler.handle(connection);
                    } finally {
                        open.decrementAndGet();
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Starts a server.
     *
     * @param listenUri such as {@code tcp://127.0.0.1:0}
     * @param handler what it does with each connection
     * @return the running server
     * @throws IOException if it cannot listen
     */
    public static PeerServer start(String listenUri, ConnectionHandler handler) throws IOException {
        return start(listenUri, ServerOptions.defaults(), handler);
    }

    /**
     * Starts a server with options, such as TLS.
     *
     * @param listenUri such as {@code tls://127.0.0.1:0}
     * @param options the server's options; its error handler is replaced by one that ignores errors
     * @param handler what it does with each connection
     * @return the running server
     * @throws IOException if it cannot listen
     */
    public static PeerServer start(String listenUri, ServerOptions options, ConnectionHandler handler) throws IOException {
        return new PeerServer(listenUri, options, handler);
    }

    /**
     * A handler that answers each line {@code text} with {@code n:text}, {@code n} numbering the
     * server's connections from 1: a client sees which server connection it talks to.
     *
     * @return the handler
     */
    public static ConnectionHandler numberedEcho() {
        AtomicInteger numbers = new AtomicInteger();
        return connection -> {
            int number = numbers.incrementAndGet();
            BufferedReader lines = new BufferedReader(new InputStreamReader(connection.input(), StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                connection.output().write((number + ":" + line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /**
     * Sends a line and reads the one-line answer.
     *
     * @param connection the connection
     * @param line the line, without its newline
     * @return the answer, without its newline
     * @throws IOException if the exchange failed or the peer closed first
     */
    public static String ask(Connection connection, String line) throws IOException {
        connection.output().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        StringBuilder answer = new StringBuilder();
        int b;
        while ((b = connection.input().read()) != '\n') {
            if (b < 0) {
                throw new java.io.EOFException("peer closed before answering '" + line + "'");
            }
            answer.append((char) b);
        }
        return answer.toString();
    }

    /** {@return the server itself, for what a test asks of it directly} */
    public Server server() {
        return server;
    }

    /** {@return the server's address as a URI to connect to} */
    public String uri() {
        return server.address().toString();
    }

    /** {@return how many connections are open now} */
    public int open() {
        return open.get();
    }

    /** {@return the most connections that were open at once} */
    public int mostOpen() {
        return mostOpen.get();
    }

    /** {@return how many connections it accepted} */
    public int accepted() {
        return accepted.get();
    }

    /** Closes the server and every connection, and waits until every handler has returned. */
    @Override
    public void close() throws InterruptedException {
        server.close();
        Bounded.join(serving);
    }
}
