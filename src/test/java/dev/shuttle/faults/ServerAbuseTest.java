package dev.shuttle.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.ConnectionHandler;
import dev.shuttle.Connector;
import dev.shuttle.ConnectionLimit;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.ServerStats.ClientFailure;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.tls.TestCertificates;
import dev.shuttle.testing.Bounded;
import dev.shuttle.testing.Forked;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Server abuse: clients that reset, TLS clients that stay silent, garbage instead of a ClientHello,
 * and limits under many idle clients. Good clients are served during or right after; the default
 * error handler stays quiet (log records at the default level counted through a
 * {@code java.util.logging} handler on the root logger); nothing leaks ({@link NetworkTest}).
 * The numbers: 5,000 resetting clients, 2,000 silent TLS clients, 1,000 idle clients under
 * each limit and 200 failing handshakes. The silent clients hold about 4,000 descriptors at once
 * (both ends); {@code -Dshuttle.abuse.silentTls=N} changes their number. Measured on 2 shared
 * cores: 2,000 cost about 5 s more per suite run (both task-scope modes) than 500.
 */
@NetworkTest
@Timeout(120)
class ServerAbuseTest {
    private static final int RESETTING = 5000;
    private static final int SILENT_TLS = Integer.getInteger("shuttle.abuse.silentTls", 2000);
    private static final int GARBAGE = 200;
    private static final int IDLE = 1000;
    private static final int PARALLEL = 32;
    private static final TestCertificates PKI = TestCertificates.ec();

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler counting = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @BeforeEach
    void countLogRecords() {
        Logger.getLogger("").addHandler(counting);
    }

    @AfterEach
    void closeEverything() throws Exception {
        Logger.getLogger("").removeHandler(counting);
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private static ServerOptions tls(Duration handshakeTimeout) {
        return ServerOptions.builder()
                .tls(TlsServerOptions.builder().certificate(PKI.server()).handshakeTimeout(handshakeTimeout).build()).build();
    }

    private static Connector tlsClient() throws Exception {
        return Connector.tls(TlsOptions.builder().trustStore(PKI.caStore()).serverName("localhost").build());
    }

    private Server serve(Server server, ConnectionHandler handler) {
        Thread serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve(handler);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        toClose.add(() -> {
            server.close();
            Bounded.join(serving);
        });
        return server;
    }

    private static void echoLine(Connection connection) throws IOException {
        connection.input().transferTo(connection.output());
    }

    /** A good client: connects, sends a line, reads the echo, within a few seconds. */
    private static void assertServed(Connector connector, Server server) throws IOException {
        try (Connection connection = connector.connect(server.address().toString())) {
            connection.setReadTimeout(Duration.ofSeconds(10));
            connection.output().write("good\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = connection.input().readNBytes(5);
            assertEquals("good\n", new String(answer, StandardCharsets.US_ASCII));
        }
    }

    /** Runs {@code count} raw clients, {@value #PARALLEL} at a time. */
    private static void clients(int count, InetSocketAddress address, RawClient client) throws InterruptedException {
        Semaphore room = new Semaphore(PARALLEL);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            assertTrue(room.tryAcquire(Bounded.BOUND.toMillis(), TimeUnit.MILLISECONDS), "clients stopped ending");
            threads.add(Thread.ofVirtual().start(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(address, 10_000);
                    socket.setSoTimeout(10_000);
                    client.run(socket);
                } catch (IOException e) {
                    // what the server does to an abusive client is what it may do
                } finally {
                    room.release();
                }
            }));
        }
        for (Thread thread : threads) {
            Bounded.join(thread);
        }
    }

    private interface RawClient {
        void run(Socket socket) throws IOException;
    }

    private static InetSocketAddress address(Server server) {
        return new InetSocketAddress(server.address().host(), server.address().port());
    }

    private void assertQuietLog(int atMost) {
        assertTrue(logged.size() <= atMost, () -> logged.size() + " log records: "
                + logged.stream().limit(10).map(r -> r.getLevel() + " " + r.getLoggerName() + " " + r.getMessage()).toList());
    }

    @Test
    void thousandsOfClientsResettingCostAFewLogLinesAndGoodClientsAreServedRightAfter() throws Exception {
        Server server = serve(Server.listen("tcp://127.0.0.1:0"), ServerAbuseTest::echoLine);
        clients(RESETTING, address(server), socket -> {
            socket.getOutputStream().write('x');
            socket.setSoLinger(true, 0); // close sends a reset
        });
        assertServed(Connector.tcp(), server);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> server.stats().active() == 0);
        assertEquals(RESETTING + 1, server.stats().accepted());
        assertEquals(0, server.stats().otherFailures());
        assertQuietLog(5);
    }

    @Test
    void silentTlsClientsTimeOutWhileAGoodClientIsServedAmongThem() throws Exception {
        Server server = serve(Server.listen("tls://127.0.0.1:0", tls(Duration.ofSeconds(2))), ServerAbuseTest::echoLine);
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < SILENT_TLS; i++) {
                Socket socket = new Socket();
                silent.add(socket);
                socket.connect(address(server), 10_000);
            }
            assertServed(tlsClient(), server); // during: the silent ones hold only their own threads
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> server.stats().clientFailures().getOrDefault(ClientFailure.TIMEOUT, 0L) == SILENT_TLS);
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
        assertServed(tlsClient(), server); // and right after
        assertQuietLog(5);
    }

    @Test
    void twoHundredClientsSendingGarbageInsteadOfAClientHelloCostAHandfulOfLogLines() throws Exception {
        Server server = serve(Server.listen("tls://127.0.0.1:0", tls(Duration.ofSeconds(5))), ServerAbuseTest::echoLine);
        byte[] garbage = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        clients(GARBAGE, address(server), socket -> {
            socket.getOutputStream().write(garbage);
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // until the server closes
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> server.stats().clientFailures().getOrDefault(ClientFailure.TLS_HANDSHAKE, 0L) == GARBAGE);
        assertServed(tlsClient(), server);
        assertQuietLog(5);
    }

    @Test
    void twoHundredFailingClientHandshakesCostAHandfulOfLogLines() throws Exception {
        // A plain TCP server that answers every ClientHello with garbage: each client handshake fails.
        Server server = serve(Server.listen("tcp://127.0.0.1:0"), connection -> {
            connection.input().read();
            connection.output().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        Connector client = tlsClient();
        int failed = 0;
        for (int i = 0; i < GARBAGE; i++) {
            try {
                client.connect(server.address().toString().replace("tcp://", "tls://")).close();
            } catch (IOException expected) {
                failed++;
            }
        }
        assertEquals(GARBAGE, failed);
        assertQuietLog(5);
    }

    @Test
    void aRejectingLimitUnderManyIdleClientsTurnsTheRestAwayAndServesAgainOnceTheyLeave() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Server limited = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder()
                .connectionLimit(ConnectionLimit.rejecting(IDLE)).errorHandler(errors::add).build());
        serve(limited, ServerAbuseTest::echoLine);
        List<Connection> idle = new ArrayList<>();
        try {
            for (int i = 0; i < IDLE; i++) {
                idle.add(Connector.tcp().connect(limited.address().toString()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> limited.stats().active() == IDLE);
            // Beyond the limit: closed at once, without a thread or a handshake.
            try (Connection over = Connector.tcp().connect(limited.address().toString())) {
                over.setReadTimeout(Duration.ofSeconds(10));
                assertEquals(-1, over.input().read());
            }
        } finally {
            idle.forEach(Connection::close);
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> limited.stats().active() == 0);
        assertServed(Connector.tcp(), limited);
        assertEquals(1, errors.size(), errors::toString);
        assertQuietLog(5);
    }

    @Test
    void aPausingLimitUnderManyIdleClientsServesAWaitingClientAsSoonAsOneLeaves() throws Exception {
        Server limited = Server.listen("tcp://127.0.0.1:0",
                ServerOptions.builder().connectionLimit(ConnectionLimit.pausing(IDLE)).build());
        serve(limited, ServerAbuseTest::echoLine);
        List<Connection> idle = new ArrayList<>();
        try {
            for (int i = 0; i < IDLE; i++) {
                idle.add(Connector.tcp().connect(limited.address().toString()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> limited.stats().active() == IDLE);
            Forked waiting = Forked.start(() -> assertServed(Connector.tcp(), limited)); // waits in the backlog
            Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(waiting.thread()::isAlive);
            idle.removeFirst().close();
            waiting.join(); // served as soon as one left
        } finally {
            idle.forEach(Connection::close);
        }
        assertQuietLog(5);
    }
}
