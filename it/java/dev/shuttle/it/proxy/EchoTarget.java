package dev.shuttle.it.proxy;

import dev.shuttle.Connection;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsServerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A Shuttle echo server on loopback: the target the tunnels reach, over TCP or TLS. */
final class EchoTarget implements AutoCloseable {
    private final Server server;
    private final Thread serving;

    private EchoTarget(Server server) {
        this.server = server;
        this.serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve(connection -> connection.input().transferTo(connection.output()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static EchoTarget tcp() throws IOException {
        return new EchoTarget(Server.listen("tcp://127.0.0.1:0", ServerOptions.builder().errorHandler(e -> {}).build()));
    }

    static EchoTarget tls(TlsCertificate certificate) throws IOException {
        return new EchoTarget(Server.listen("tls://127.0.0.1:0", ServerOptions.builder().errorHandler(e -> {})
                .tls(TlsServerOptions.builder().certificate(certificate).build()).build()));
    }

    int port() {
        return server.address().port();
    }

    /** Sends a line through the connection and returns what came back. */
    static String echo(Connection connection, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        connection.output().write(bytes);
        connection.output().flush();
        return new String(connection.input().readNBytes(bytes.length), StandardCharsets.UTF_8).strip();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
        serving.join(10_000);
    }
}
