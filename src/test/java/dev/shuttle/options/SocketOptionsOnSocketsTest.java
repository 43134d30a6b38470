package dev.shuttle.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.dropin.ShuttleSocketFactory;
import dev.shuttle.SocketOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tuned socket options reach the sockets: a connector's, a server's accepted connections and
 * its listening socket, the drop-in sockets; Unix sockets refuse what they cannot take, by name.
 */
@NetworkTest
class SocketOptionsOnSocketsTest {
    @TempDir
    Path directory;

    private static final SocketOptions TUNED = SocketOptions.builder().keepAlive(true)
            .keepAliveIdle(Duration.ofSeconds(30)).keepAliveInterval(Duration.ofSeconds(5)).keepAliveCount(4)
            .linger(Duration.ofSeconds(2)).trafficClass(16).option(StandardSocketOptions.SO_REUSEPORT, true).build();

    @Test
    void aConnectorSetsEveryTunedOption() throws Exception {
        try (Server server = Server.listen("tcp://127.0.0.1:0");
                Connection connection = Connector.create(ConnectorOptions.builder().socketOptions(TUNED).build())
                        .connect(server.address().toString());
                Connection ignored = server.accept()) {
            assertTuned(connection.unwrap(Socket.class).orElseThrow());
        }
    }

    @Test
    void aServerSetsThemOnEveryAcceptedConnectionAndItsListenerOptionsOnTheListeningSocket() throws Exception {
        ServerOptions options = ServerOptions.builder().connectionOptions(TUNED)
                .listenerOption(StandardSocketOptions.SO_RCVBUF, 128 * 1024).build();
        try (Server server = Server.listen("tcp://127.0.0.1:0", options);
                Connection client = Connector.tcp().connect(server.address().toString());
                Connection accepted = server.accept()) {
            Socket socket = accepted.unwrap(Socket.class).orElseThrow();
            assertTuned(socket);
            // Accepted sockets inherit the listening socket's receive buffer (Linux doubles what is asked).
            assertTrue(socket.getReceiveBufferSize() >= 128 * 1024, "SO_RCVBUF " + socket.getReceiveBufferSize());
        }
    }

    @Test
    void theDropInSocketsSetThemToo() throws Exception {
        ShuttleSocketFactory factory = ShuttleSocketFactory.create(ConnectorOptions.builder().socketOptions(TUNED).build());
        try (Server server = Server.listen("tcp://127.0.0.1:0");
                Socket socket = factory.createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.address().port()), 5_000);
            try (Connection ignored = server.accept()) {
                assertTuned(socket);
            }
        }
    }

    @Test
    void aUnixConnectWithAnOptionUnixSocketsCannotTakeFailsNamingIt() {
        String uri = "unix://" + directory.resolve("absent.sock");
        Connector connector = Connector.create(ConnectorOptions.builder()
                .socketOptions(SocketOptions.builder().keepAlive(true).build()).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> connector.connect(uri));
        assertTrue(e.getMessage().contains(uri) && e.getMessage().contains("keepAlive")
                && e.getMessage().contains("Unix"), e.getMessage());
    }

    @Test
    void aUnixServerWithAnOptionUnixSocketsCannotTakeFailsNamingIt() {
        String uri = "unix://" + directory.resolve("server.sock");
        ServerOptions options = ServerOptions.builder()
                .connectionOptions(SocketOptions.builder().trafficClass(16).build()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Server.listen(uri, options));
        assertTrue(e.getMessage().contains(uri) && e.getMessage().contains("trafficClass"), e.getMessage());
        assertTrue(!directory.resolve("server.sock").toFile().exists(), "nothing bound");
    }

    @Test
    void unixSocketsTakeTheOptionsTheySupport() throws Exception {
        String uri = "unix://" + directory.resolve("buffers.sock");
        SocketOptions buffers = SocketOptions.builder().sendBufferSize(64 * 1024).linger(Duration.ofSeconds(1)).build();
        try (Server server = Server.listen(uri, ServerOptions.builder().connectionOptions(buffers).build());
                Connection client = Connector.create(ConnectorOptions.builder().socketOptions(buffers).build()).connect(uri);
                Connection accepted = server.accept()) {
            for (Connection connection : new Connection[] {client, accepted}) {
                SocketChannel channel = connection.unwrap(SocketChannel.class).orElseThrow();
                assertTrue(channel.getOption(StandardSocketOptions.SO_SNDBUF) >= 64 * 1024);
                assertEquals(1, channel.getOption(StandardSocketOptions.SO_LINGER));
            }
        }
    }

    @Test
    void aDropInSocketThatTurnsKeepAliveOffConnectsWithoutTheConnectorsKeepAliveTuning() throws Exception {
        ShuttleSocketFactory factory = ShuttleSocketFactory.create(ConnectorOptions.builder().socketOptions(TUNED).build());
        try (Server server = Server.listen("tcp://127.0.0.1:0");
                Socket socket = factory.createSocket()) {
            socket.setKeepAlive(false);
            socket.connect(new InetSocketAddress("127.0.0.1", server.address().port()), 5_000);
            try (Connection ignored = server.accept()) {
                assertTrue(!socket.getKeepAlive());
                assertEquals(16, socket.getTrafficClass(), "the rest of the connector's options still apply");
            }
        }
    }

    private static void assertTuned(Socket socket) throws IOException {
        assertTrue(socket.getKeepAlive());
        assertEquals(30, socket.getOption(extended("TCP_KEEPIDLE")));
        assertEquals(5, socket.getOption(extended("TCP_KEEPINTERVAL")));
        assertEquals(4, socket.getOption(extended("TCP_KEEPCOUNT")));
        assertEquals(2, socket.getSoLinger());
        assertEquals(16, socket.getTrafficClass());
        assertTrue(socket.getOption(StandardSocketOptions.SO_REUSEPORT));
    }

    /** A jdk.net.ExtendedSocketOptions option, found by name: the tests do not read the module jdk.net. */
    @SuppressWarnings("unchecked")
    private static SocketOption<Integer> extended(String name) throws IOException {
        try (Socket jdk = new Socket()) {
            return (SocketOption<Integer>) jdk.supportedOptions().stream().filter(o -> o.name().equals(name))
                    .findFirst().orElseThrow();
        }
    }
}
