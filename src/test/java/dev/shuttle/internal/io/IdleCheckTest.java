package dev.shuttle.internal.io;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Scheme;
import dev.shuttle.internal.tcp.SocketConnection;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

@NetworkTest
class IdleCheckTest {

    @Test
    void aQuietChannelPassesAndStaysBlockingAndUsable() throws Exception {
        try (ServerSocketChannel server = listen(); SocketChannel client = SocketChannel.open(server.getLocalAddress());
                SocketChannel peer = server.accept()) {
            assertTrue(IdleCheck.quiet(client));
            assertTrue(client.isBlocking());
            peer.write(ByteBuffer.wrap(new byte[] {42}));
            ByteBuffer one = ByteBuffer.allocate(1);
            assertEquals(1, client.read(one));
            assertEquals(42, one.get(0));
        }
    }

    @Test
    void bytesFromThePeerFailTheCheck() throws Exception {
        try (ServerSocketChannel server = listen(); SocketChannel client = SocketChannel.open(server.getLocalAddress());
                SocketChannel peer = server.accept()) {
            peer.write(ByteBuffer.wrap(new byte[] {1}));
            // Loopback may deliver the byte after the peer's write returned.
            await().until(() -> !IdleCheck.quiet(client));
        }
    }

    @Test
    void aCloseOrResetByThePeerFailsTheCheck() throws Exception {
        try (ServerSocketChannel server = listen(); SocketChannel closed = SocketChannel.open(server.getLocalAddress());
                SocketChannel reset = SocketChannel.open(server.getLocalAddress())) {
            server.accept().close();
            SocketChannel resetting = server.accept();
            resetting.setOption(StandardSocketOptions.SO_LINGER, 0);
            resetting.close();
            // Loopback may deliver the FIN and the RST after the peer's close returned.
            await().until(() -> !IdleCheck.quiet(closed));
            await().until(() -> !IdleCheck.quiet(reset));
        }
    }

    @Test
    void aConnectionBusyReadingFailsTheCheckAtOnceAndPassesItOnceIdle() throws Exception {
        try (ServerSocketChannel server = listen(); SocketChannel client = SocketChannel.open(server.getLocalAddress());
                SocketChannel peer = server.accept()) {
            SocketConnection connection = new SocketConnection(client.socket(), Scheme.TCP);
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    connection.input().read();
                } catch (IOException ignored) {
                    // The test's end.
                }
            });
            await().until(() -> reader.getState() == Thread.State.WAITING);
            AtomicReference<Boolean> quiet = new AtomicReference<>();
            Thread checker = Thread.ofVirtual().start(() -> quiet.set(connection.quiet()));
            assertTrue(checker.join(Duration.ofSeconds(10)), "the check waited for the read");
            assertEquals(Boolean.FALSE, quiet.get());
            peer.write(ByteBuffer.wrap(new byte[] {7}));
            assertTrue(reader.join(Duration.ofSeconds(10)));
            assertTrue(connection.quiet());
        }
    }

    private static ServerSocketChannel listen() throws Exception {
        return ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }
}
