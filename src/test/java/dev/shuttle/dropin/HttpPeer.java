package dev.shuttle.dropin;

import dev.shuttle.testing.Bounded;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A one-page HTTP/1.0 server on loopback, over whatever the options say (TLS for HTTPS); answers "ok" and closes. */
final class HttpPeer implements AutoCloseable {
    private final Server server;
    private final Thread serving;

    HttpPeer(ServerOptions options) throws IOException {
        this.server = Server.listen(options.tls().isEmpty() ? "tcp://127.0.0.1:0" : "tls://127.0.0.1:0", options);
        this.serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve(connection -> {
                    var in = connection.input();
                    int matched = 0;
                    byte[] end = {'\r', '\n', '\r', '\n'};
                    while (matched < 4) {
                        int b = in.read();
                        if (b < 0) {
                            return;
                        }
                        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                    }
                    connection.output().write(("HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
                            .getBytes(StandardCharsets.US_ASCII));
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
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
