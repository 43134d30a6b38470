package dev.shuttle.jmh.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The many-connection harness: echo throughput and idle-connection memory of every server, each in
 * a fresh JVM of its own ({@link ServerProcess}), alternating the contenders over rounds, each
 * round starting one further along (A B C D, B C D A, ...). The load generator is this JVM and is identical for every contender:
 * blocking {@link Socket} clients on virtual threads, each writing 64 bytes and reading the 64
 * echoed bytes back, one round trip at a time. Client and server share the machine's cores.
 *
 * <p>Run alone: {@code java -cp target/benchmarks.jar dev.shuttle.jmh.echo.EchoLoad [rounds]
 * [connections] [round trips]}; {@code -Dservers=shuttle-readable,netty-epoll} measures only the
 * servers named.
 */
public final class EchoLoad {
    /** The contenders in the order of each round. */
    public static final List<String> SERVERS = List.of(EchoServerMain.PLAIN, EchoServerMain.NETTY_NIO,
            EchoServerMain.NETTY_EPOLL, EchoServerMain.SHUTTLE, EchoServerMain.SHUTTLE_READABLE);
    private static final int MESSAGE = 64;

    private final Path logs;

    public EchoLoad(Path logs) {
        this.logs = logs;
    }

    /** {@return the JVM flags of every server process} */
    public static List<String> serverJvmFlags() {
        return ServerProcess.JVM_FLAGS;
    }

    /** The values of one contender over the rounds, or why it could not run. */
    public record Series(List<Double> values, String failure) {}

    /**
     * What an echo run measured, per contender and round: round trips per second, and the CPU time
     * (user and system) per round trip of the server's process and of this, the clients', in us.
     */
    public record Echo(Map<String, Series> rate, Map<String, Series> serverCpu, Map<String, Series> clientCpu) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int roundTrips = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        String named = System.getProperty("servers");
        List<String> servers = named == null ? SERVERS : List.of(named.split(","));
        Map<String, Series> result = new EchoLoad(Path.of("target")).echo(servers, rounds, connections, roundTrips, roundTrips / 10).rate();
        result.forEach((server, series) -> {
            List<Double> sorted = series.values().stream().sorted().toList();
            System.out.printf("%-16s median %,9.0f  min %,9.0f  max %,9.0f  %s%n", server,
                    sorted.isEmpty() ? 0.0 : sorted.get(sorted.size() / 2), sorted.isEmpty() ? 0.0 : sorted.getFirst(),
                    sorted.isEmpty() ? 0.0 : sorted.getLast(), series);
        });
    }

    /**
     * Measures echo round trips per second: {@code connections} clients, each doing
     * {@code warmup} untimed round trips, then all together {@code roundTrips} timed ones.
     */
    public Echo echo(int rounds, int connections, int roundTrips, int warmup) throws InterruptedException {
        return echo(SERVERS, rounds, connections, roundTrips, warmup);
    }

    /** As {@link #echo(int, int, int, int)}, for the servers given only. */
    public Echo echo(List<String> servers, int rounds, int connections, int roundTrips, int warmup)
            throws InterruptedException {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        Map<String, List<Double>> serverCpu = new LinkedHashMap<>();
        Map<String, List<Double>> clientCpu = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (String server : rotated(servers, round)) {
                if (failures.containsKey(server)) {
                    continue;
                }
                try (ServerProcess process = ServerProcess.start(server, logs)) {
                    double[] measured = echoRound(process, connections, roundTrips, warmup);
                    double perSecond = measured[0];
                    values.computeIfAbsent(server, k -> new ArrayList<>()).add(perSecond);
                    clientCpu.computeIfAbsent(server, k -> new ArrayList<>()).add(measured[1]);
                    serverCpu.computeIfAbsent(server, k -> new ArrayList<>()).add(measured[2]);
                    System.out.printf("  echo round %d %-12s %,10.0f round trips/s, CPU per round trip: client %.2f us, server %.2f us%n",
                            round, server, perSecond, measured[1], measured[2]);
                } catch (IOException | RuntimeException e) {
                    failures.put(server, e.toString());
                    System.out.printf("  echo round %d %-12s could not run: %s%n", round, server, e);
                }
            }
        }
        return new Echo(series(values, failures), series(serverCpu, failures), series(clientCpu, failures));
    }

    /** {@return round trips per second, and the client's and the server's CPU time per round trip in us} */
    private static double[] echoRound(ServerProcess process, int connections, int roundTrips, int warmup)
            throws IOException, InterruptedException {
        int port = process.port();
        AtomicLong start = new AtomicLong();
        long[] cpuAtStart = new long[2];
        CyclicBarrier ready = new CyclicBarrier(connections, () -> {
            cpuAtStart[0] = ownCpuNanos();
            cpuAtStart[1] = process.cpuNanos();
            start.set(System.nanoTime());
        });
        AtomicReference<Throwable> failure = new AtomicReference<>();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        List<Thread> clients = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            clients.add(Thread.ofVirtual().start(() -> {
                try (Socket socket = new Socket(loopback, port)) {
                    socket.setTcpNoDelay(true);
                    InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream();
                    byte[] message = new byte[MESSAGE];
                    byte[] reply = new byte[MESSAGE];
                    for (int n = 0; n < warmup; n++) {
                        roundTrip(in, out, message, reply);
                    }
                    ready.await();
                    for (int n = 0; n < roundTrips; n++) {
                        roundTrip(in, out, message, reply);
                    }
                } catch (IOException | InterruptedException | BrokenBarrierException | RuntimeException e) {
                    if (failure.compareAndSet(null, e)) {
                        ready.reset();
                    }
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
        long elapsed = System.nanoTime() - start.get();
        long clientCpu = ownCpuNanos() - cpuAtStart[0];
        long serverCpu = process.cpuNanos() - cpuAtStart[1];
        if (failure.get() != null) {
            throw new IOException("a client failed: " + failure.get(), failure.get());
        }
        double total = (double) connections * roundTrips;
        return new double[] {total * 1e9 / elapsed, clientCpu / total / 1e3, serverCpu / total / 1e3};
    }

    private static long ownCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }

    private static void roundTrip(InputStream in, OutputStream out, byte[] message, byte[] reply) throws IOException {
        out.write(message);
        if (in.readNBytes(reply, 0, MESSAGE) != MESSAGE) {
            throw new IOException("the server closed the connection");
        }
    }

    /**
     * Measures the memory of idle connections: heap (after full GCs) and RSS of the server's JVM
     * before and after {@code connections} clients connected and each made one round trip, per
     * connection. Values: heap bytes and RSS bytes per connection, per round.
     */
    public Map<String, Series[]> idle(int rounds, int connections) throws InterruptedException {
        return idle(rounds, connections, new LinkedHashMap<>());
    }

    /**
     * As {@link #idle(int, int)}, and in the last round puts into {@code histograms} each server's
     * heap growth per connection by class (a Markdown table).
     */
    public Map<String, Series[]> idle(int rounds, int connections, Map<String, String> histograms) throws InterruptedException {
        Map<String, List<Double>> heap = new LinkedHashMap<>();
        Map<String, List<Double>> rss = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (String server : rotated(SERVERS, round)) {
                if (failures.containsKey(server)) {
                    continue;
                }
                try (ServerProcess process = ServerProcess.start(server, logs)) {
                    double[] perConnection = idleRound(process, connections, round == rounds ? histograms : null, server);
                    heap.computeIfAbsent(server, k -> new ArrayList<>()).add(perConnection[0]);
                    rss.computeIfAbsent(server, k -> new ArrayList<>()).add(perConnection[1]);
                    System.out.printf("  idle round %d %-12s %,8.0f B heap %,8.0f B RSS per connection%n", round, server,
                            perConnection[0], perConnection[1]);
                } catch (IOException | RuntimeException e) {
                    failures.put(server, e.toString());
                    System.out.printf("  idle round %d %-12s could not run: %s%n", round, server, e);
                }
            }
        }
        Map<String, Series> heapSeries = series(heap, failures);
        Map<String, Series> rssSeries = series(rss, failures);
        Map<String, Series[]> result = new LinkedHashMap<>();
        for (String server : SERVERS) {
            result.put(server, new Series[] {heapSeries.get(server), rssSeries.get(server)});
        }
        return result;
    }

    private static double[] idleRound(ServerProcess process, int connections, Map<String, String> histograms, String server)
            throws IOException, InterruptedException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        // One connection first, so that what every server sets up once (classes, pools) is in the baseline.
        try (Socket first = new Socket(loopback, process.port())) {
            roundTrip(first.getInputStream(), first.getOutputStream(), new byte[MESSAGE], new byte[MESSAGE]);
        }
        long[] before = process.memory();
        HeapHistogram histogramBefore = histograms != null ? HeapHistogram.of(process.pid()) : null;
        List<Socket> sockets = java.util.Collections.synchronizedList(new ArrayList<>(connections));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int openers = 16;
        List<Thread> threads = new ArrayList<>();
        try {
            for (int t = 0; t < openers; t++) {
                int share = connections / openers + (t < connections % openers ? 1 : 0);
                threads.add(Thread.ofVirtual().start(() -> {
                    byte[] message = new byte[MESSAGE];
                    byte[] reply = new byte[MESSAGE];
                    try {
                        for (int i = 0; i < share; i++) {
                            Socket socket = new Socket(loopback, process.port());
                            sockets.add(socket);
                            socket.setTcpNoDelay(true);
                            roundTrip(socket.getInputStream(), socket.getOutputStream(), message, reply);
                        }
                    } catch (IOException | RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (failure.get() != null) {
                throw new IOException("a client failed: " + failure.get(), failure.get());
            }
            long[] after = process.memory();
            if (histograms != null) {
                histograms.put(server, HeapHistogram.of(process.pid()).perConnection(histogramBefore, connections, 12));
            }
            return new double[] {(after[0] - before[0]) / (double) connections, (after[1] - before[1]) / (double) connections};
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /**
     * {@return the contenders in the order of a round: each round starts one further along (A B C D,
     * B C D A, ...), so that no contender always runs first, right after a JVM start, or last}
     */
    public static List<String> rotated(List<String> contenders, int round) {
        List<String> order = new ArrayList<>(contenders);
        java.util.Collections.rotate(order, -((round - 1) % contenders.size()));
        return order;
    }

    private static Map<String, Series> series(Map<String, List<Double>> values, Map<String, String> failures) {
        Map<String, Series> result = new LinkedHashMap<>();
        for (String server : SERVERS) {
            String failure = failures.get(server);
            List<Double> list = values.getOrDefault(server, List.of());
            // A contender that failed in a later round keeps no partial series: its rounds no longer pair up.
            result.put(server, failure != null ? new Series(List.of(), failure) : new Series(list, null));
        }
        return result;
    }
}
