package dev.shuttle.internal.server.serve;

import dev.shuttle.testing.Bounded;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ConnectionLimit;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.ServerStats;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.tls.TestCertificates;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Quiet by default: clients that fail as networks do (resets, garbage instead of a TLS
 * ClientHello) cost at most a line at a fine level each, and a handful of lines at {@code INFO}
 * and above in all, counted through {@code java.util.logging}, where {@code System.Logger} goes by
 * default.
 */
@NetworkTest
@Timeout(120)
class QuietServerLogTest {
    private static final int CLIENTS = 200;
    private static final int HANDFUL = 5;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger root = Logger.getLogger("");
    private final Logger serverLogger = Logger.getLogger("dev.shuttle.server");
    private Level serverLevel;

    @BeforeEach
    void record() {
        recorder.setLevel(Level.ALL);
        root.addHandler(recorder);
        serverLevel = serverLogger.getLevel();
        serverLogger.setLevel(Level.ALL); // to see each failure at DEBUG too, and so know all were reported
    }

    @AfterEach
    void stopRecording() {
        root.removeHandler(recorder);
        serverLogger.setLevel(serverLevel);
    }

    private List<LogRecord> fromServer() {
        return records.stream().filter(r -> r.getLoggerName().startsWith("dev.shuttle")).toList();
    }

    private static List<LogRecord> atInfoOrAbove(List<LogRecord> records) {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue()).toList();
    }

    private static String describe(List<LogRecord> records) {
        return records.size() + " lines: " + records.stream()
                .map(r -> r.getLevel() + " " + r.getLoggerName() + " " + r.getMessage()
                        + (r.getThrown() == null ? "" : " +trace"))
                .limit(10).collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    private static Thread serve(Server server, dev.shuttle.ConnectionHandler handler) {
        return Thread.ofVirtual().start(() -> {
            try {
                server.serve(handler);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void twoHundredConnectionsRejectedAtTheLimitCostAHandfulOfLinesAtInfoAndAbove() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Server server = Server.listen("tcp://127.0.0.1:0",
                ServerOptions.builder().connectionLimit(ConnectionLimit.rejecting(1)).build())) {
            Thread serving = serve(server, connection -> Bounded.await(release));
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.address().port());
            try (Socket holder = new Socket()) {
                holder.connect(address);
                await().atMost(PATIENCE).until(() -> server.connections().size() == 1);
                for (int i = 0; i < CLIENTS; i++) {
                    try (Socket client = new Socket()) {
                        client.connect(address);
                        client.setSoTimeout((int) PATIENCE.toMillis());
                        try {
                            client.getInputStream().readAllBytes(); // until the server closes it
                        } catch (IOException e) {
                            // a reset instead of an end of stream: rejected all the same
                        }
                    }
                }
                await().atMost(PATIENCE).until(() -> fromServer().stream()
                        .filter(r -> String.valueOf(r.getMessage()).contains("at its limit")).count() >= CLIENTS);
                List<LogRecord> loud = atInfoOrAbove(records);
                assertTrue(loud.size() <= HANDFUL, describe(loud));
                release.countDown();
            }
            server.close();
            serving.join(PATIENCE);
        }
    }

    @Test
    void twoHundredClientsThatResetCostAHandfulOfLinesAtInfoAndAbove() throws Exception {
        try (Server server = Server.listen("tcp://127.0.0.1:0", ServerOptions.defaults())) {
            Thread serving = serve(server, connection -> connection.input().transferTo(connection.output()));
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.address().port());
            for (int i = 0; i < CLIENTS; i++) {
                Socket client = new Socket();
                client.connect(address);
                client.setSoLinger(true, 0);
                client.close(); // a reset, no FIN
            }
            await().atMost(PATIENCE).until(() -> server.stats().clientFailuresTotal() >= CLIENTS);
            ServerStats stats = server.stats();
            assertEquals(CLIENTS, stats.accepted());
            assertEquals(Map.of(ServerStats.ClientFailure.RESET, (long) CLIENTS), stats.clientFailures(), stats.toString());
            assertEquals(0, stats.otherFailures());
            assertTrue(fromServer().size() >= CLIENTS, "each failure is a line at DEBUG");
            List<LogRecord> loud = atInfoOrAbove(records);
            assertTrue(loud.size() <= HANDFUL, describe(loud));
            server.close();
            serving.join(PATIENCE);
        }
    }

    @Test
    void twoHundredClientsSpeakingGarbageToATlsServerCostAHandfulOfShuttleLinesAtInfoAndAbove() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        ServerOptions options = ServerOptions.builder()
                .tls(TlsServerOptions.builder().certificate(pki.server()).build()).build();
        try (Server server = Server.listen("tls://127.0.0.1:0", options)) {
            Thread serving = serve(server, connection -> connection.input().transferTo(connection.output()));
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.address().port());
            byte[] garbage = "GET / HTTP/1.1\r\nHost: example\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < CLIENTS; i++) {
                try (Socket client = new Socket()) {
                    client.connect(address);
                    client.setSoTimeout((int) PATIENCE.toMillis());
                    client.getOutputStream().write(garbage);
                    try {
                        client.getInputStream().readAllBytes(); // until the server closes
                    } catch (IOException e) {
                        // reset by the server: closed all the same
                    }
                }
            }
            await().atMost(PATIENCE).until(() -> server.stats().clientFailuresTotal() >= CLIENTS);
            assertEquals(Map.of(ServerStats.ClientFailure.TLS_HANDSHAKE, (long) CLIENTS), server.stats().clientFailures());
            assertTrue(fromServer().size() >= CLIENTS, "each failure is a line at DEBUG");
            List<LogRecord> loud = atInfoOrAbove(fromServer());
            assertTrue(loud.size() <= HANDFUL, describe(loud));
            List<LogRecord> bouncyCastle = atInfoOrAbove(records.stream()
                    .filter(r -> r.getLoggerName().startsWith("org.bouncycastle")).toList());
            System.out.println("BouncyCastle at INFO and above for " + CLIENTS + " garbage handshakes: "
                    + describe(bouncyCastle));
            server.close();
            serving.join(PATIENCE);
        }
    }
}
