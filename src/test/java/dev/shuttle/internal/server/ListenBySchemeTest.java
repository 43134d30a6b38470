package dev.shuttle.internal.server;

import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Scheme;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The {@code Server.listen(uri)} facade chooses the transport by scheme, {@code tcp://} when none
 * is given, and passes each its options. ({@code tls://} is covered with the TLS server;
 * the inherited socket by {@link InheritedChannelTest}.)
 */
@NetworkTest
class ListenBySchemeTest {

    @Test
    void noSchemeMeansTcp() throws Exception {
        try (Server server = Server.listen("127.0.0.1:0")) {
            assertEquals(Scheme.TCP, server.address().scheme());
            roundTrip(server, Connector.tcp());
        }
    }

    @Test
    void tcpSchemeListensOnTcpWithItsOptions() throws Exception {
        ServerOptions options = ServerOptions.builder().backlog(7).reusePort(true).build();
        try (Server server = Server.listen("tcp://127.0.0.1:0", options)) {
            try (Server sharing = Server.listen("tcp://127.0.0.1:" + server.address().port(), options)) {
                assertEquals(server.address(), sharing.address(), "SO_REUSEPORT reached the listener");
            }
            roundTrip(server, Connector.tcp());
        }
    }

    @Test
    void unixSchemeListensOnAUnixSocket() throws Exception {
        Path directory = Files.createTempDirectory("shuttle-scheme");
        Path path = directory.resolve("app.sock");
        try (Server server = Server.listen("unix://" + path)) {
            assertEquals(Scheme.UNIX, server.address().scheme());
            assertEquals(path, server.address().path());
            roundTrip(server, Connector.unix());
        } finally {
            Files.deleteIfExists(path);
            Files.delete(directory);
        }
    }

    private static void roundTrip(Server server, Connector connector) throws IOException, InterruptedException {
        Thread acceptor = Thread.ofVirtual().start(() -> {
            try (Connection accepted = server.accept()) {
                accepted.output().write(accepted.input().read() + 1);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (Connection connection = connector.connect(server.address().toString())) {
            connection.output().write(41);
            assertEquals(42, connection.input().read());
        }
        Bounded.join(acceptor);
        assertTrue(server.isOpen());
    }
}
