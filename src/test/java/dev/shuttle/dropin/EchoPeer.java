package dev.shuttle.dropin;

import dev.shuttle.testing.Bounded;
import dev.shuttle.ConnectionHandler;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Shuttle echo server on loopback for the drop-in tests: serves on a virtual thread, closes and joins. */
final class EchoPeer implements AutoCloseable {
    private final Server server;
    private final Thread serving;
    final List<Throwable> errors = new CopyOnWriteArrayList<>();

    EchoPeer(String uri, ServerOptions options) throws IOException {
        this.server = Server.listen(uri, options.toBuilder().errorHandler(errors::add).build());
        ConnectionHandler echo = connection -> connection.input().transferTo(connection.output());
        this.serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve(echo);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static EchoPeer tcp() throws IOException {
        return new EchoPeer("tcp://127.0.0.1:0", ServerOptions.defaults());
    }

    int port() {
        return server.address().port();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
        Bounded.join(serving);
    }
}
