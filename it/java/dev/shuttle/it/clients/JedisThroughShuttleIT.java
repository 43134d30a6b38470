package dev.shuttle.it.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ConnectorOptions;
import dev.shuttle.dropin.ShuttleSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Jedis with Shuttle plugged in through its public hook, a {@link JedisSocketFactory} whose sockets
 * come from {@link ShuttleSocketFactory}, against a real redis-server (Debian's, installed by
 * it/install-peers.sh) that the test starts on loopback.
 */
class JedisThroughShuttleIT {
    @TempDir
    Path dir;

    private Process redis;
    private int port;

    @BeforeEach
    void startRedis() throws Exception {
        try (ServerSocket spare = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = spare.getLocalPort();
        }
        redis = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!redis.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + java.nio.file.Files.readString(dir.resolve("redis.log")));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    @AfterEach
    void stopRedis() throws InterruptedException {
        redis.destroy();
        if (!redis.waitFor(10, TimeUnit.SECONDS)) {
            redis.destroyForcibly();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void jedisTalksToRedisOverShuttleConnectionsByName() {
        ConnectCounter counter = new ConnectCounter();
        ShuttleSocketFactory sockets = ShuttleSocketFactory.create(ConnectorOptions.builder().listener(counter).build());
        JedisSocketFactory factory = () -> {
            Socket socket = sockets.createSocket();
            try {
                // Unresolved: Shuttle resolves localhost and races ::1 (refused) and 127.0.0.1.
                socket.connect(InetSocketAddress.createUnresolved("localhost", port), 5_000);
                socket.setSoTimeout(5_000);
                return socket;
            } catch (IOException e) {
                try {
                    socket.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw new JedisConnectionException(e);
            }
        };
        try (Jedis jedis = new Jedis(factory)) {
            assertEquals("PONG", jedis.ping());
            jedis.set("shuttle", "over redis");
            assertEquals("over redis", jedis.get("shuttle"));
            assertEquals(2, jedis.incrBy("counter", 2));
        }
        assertTrue(counter.connected() >= 1, "Jedis's connection did not go through Shuttle");
    }
}
