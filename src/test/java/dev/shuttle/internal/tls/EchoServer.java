package dev.shuttle.internal.tls;

import dev.shuttle.ConnectionHandler;
import dev.shuttle.Endpoint;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.testing.Bounded;
import dev.shuttle.tls.TlsServerOptions;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Shuttle server in a test: serves on a virtual thread, records errors, closes and joins. */
final class EchoServer implements AutoCloseable {
    static final ConnectionHandler ECHO = connection -> connection.input().transferTo(connection.output());

    private final Server server;
    private final Thread serving;
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    private EchoServer(String uri, TlsServerOptions tls, ConnectionHandler handler) throws IOException {
        this.server = Server.listen(uri, ServerOptions.builder().tls(tls).errorHandler(errors::add).build());
        this.serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve(handler);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static EchoServer tls(TlsServerOptions tls) throws IOException {
        return new EchoServer("tls://127.0.0.1:0", tls, ECHO);
    }

    static EchoServer start(String uri, TlsServerOptions tls, ConnectionHandler handler) throws IOException {
        return new EchoServer(uri, tls, handler);
    }

    Endpoint address() {
        return server.address();
    }

    String uri() {
        return server.address().toString();
    }

    List<Throwable> errors() {
        return errors;
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
        Bounded.join(serving, "the echo server's serve()");
    }
}
