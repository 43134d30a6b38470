package dev.shuttle.internal.cli;

import dev.shuttle.batch.Batch;
import dev.shuttle.batch.BatchOptions;
import dev.shuttle.Connection;
import dev.shuttle.pool.ConnectionPool;
import dev.shuttle.Connector;
import dev.shuttle.frame.Framing;
import dev.shuttle.pool.PoolOptions;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.udp.UdpServer;
import dev.shuttle.udp.UdpSocket;
import dev.shuttle.internal.concurrent.ShuttleThreads;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The second half of {@code shuttle demo}: what async-sockets gives PHP, on loopback. A line
 * server that keeps idle connections without threads, a batch of requests through a connection
 * pool, and a UDP round trip of an exact size.
 */
final class AsyncSocketsTour {
    private static final Framing LINES = Framing.lines().withMaxFrameSize(1024);
    private static final int IDLE_CLIENTS = 200;

    private final PrintStream out;

    AsyncSocketsTour(PrintStream out) {
        this.out = out;
    }

    void run(ServerOptions options) throws IOException, InterruptedException {
        try (Server lines = Server.listen("tcp://127.0.0.1:0", options)) {
            Thread serving = Thread.ofVirtual().start(() -> serveLines(lines));
            out.println("A line server (serveWhenReadable: handlers run inline on the loop thread, no thread per idle connection) on "
                    + lines.address() + ":");
            showIdleConnections(lines);
            showBatchThroughPool(lines);
            lines.close();
            serving.join();
        }
        showUdp();
    }

    /** Answers each line with its upper-case form; between lines a connection holds no thread. */
    private static void serveLines(Server server) {
        try {
            server.serveWhenReadable(connection -> {
                byte[] line = LINES.reader(connection).readFrame();
                if (line == null) {
                    return false;
                }
                String reply = new String(line, StandardCharsets.UTF_8).toUpperCase(java.util.Locale.ROOT);
                LINES.writer(connection).writeFrame(reply.getBytes(StandardCharsets.UTF_8));
                return true;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void showIdleConnections(Server server) throws IOException {
        int before = ShuttleThreads.live();
        List<Connection> idle = new ArrayList<>();
        try {
            for (int i = 0; i < IDLE_CLIENTS; i++) {
                Connection connection = Connector.tcp().connect(server.address().toString());
                idle.add(connection);
                ask(connection, "hello " + i);
            }
            out.printf("  %d connections, each answered once and now idle: %d Shuttle threads in this process "
                    + "(%d before they connected)%n", IDLE_CLIENTS, ShuttleThreads.live(), before);
        } finally {
            idle.forEach(Connection::close);
        }
    }

    private void showBatchThroughPool(Server server) throws IOException, InterruptedException {
        String uri = server.address().toString();
        try (ConnectionPool pool = ConnectionPool.create(Connector.tcp(),
                        PoolOptions.builder().maxConnectionsPerEndpoint(2).build());
                Batch<String> batch = Batch.open(pool, BatchOptions.builder().concurrency(2)
                        .requestTimeout(Duration.ofSeconds(5)).build())) {
            for (String word : List.of("one", "two", "three", "four", "five", "six")) {
                batch.submit(uri, connection -> ask(connection, word));
            }
            List<String> replies = new ArrayList<>();
            for (Batch.Request<String> request : batch.join()) {
                replies.add(request.state() == java.util.concurrent.Future.State.SUCCESS
                        ? request.resultNow() : request.exceptionNow().toString());
            }
            out.println("  A batch of 6 requests, 2 at a time, through a pool of at most 2 connections: " + replies);
            out.println("  Pool afterwards: " + pool.stats(uri) + " (the connections were reused, not reopened)");
        }
    }

    private static String ask(Connection connection, String line) throws IOException {
        LINES.writer(connection).writeFrame(line.getBytes(StandardCharsets.UTF_8));
        byte[] reply = LINES.reader(connection).readFrame();
        if (reply == null) {
            throw new IOException("The line server closed " + connection.remoteAddress());
        }
        return new String(reply, StandardCharsets.UTF_8);
    }

    private void showUdp() throws IOException, InterruptedException {
        try (UdpServer server = UdpServer.listen("udp://127.0.0.1:0")) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve((datagram, udp) -> udp.send(datagram.sender(), datagram.payload()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try (UdpSocket socket = UdpSocket.connect(server.address().toString())) {
                socket.setReceiveTimeout(Duration.ofSeconds(5));
                byte[] payload = new byte[1472];
                socket.send(payload);
                byte[] echoed = socket.receive();
                out.printf("UDP echo on %s: sent one datagram of %,d bytes, received one of %,d bytes%n",
                        server.address(), payload.length, echoed.length);
            } catch (java.net.SocketTimeoutException e) {
                out.println("UDP echo on " + server.address() + ": no answer within 5 s (a datagram can be lost)");
            }
            server.close();
            serving.join();
        }
    }
}
