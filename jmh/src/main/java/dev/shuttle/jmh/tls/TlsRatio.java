package dev.shuttle.jmh.tls;

import com.sun.management.OperatingSystemMXBean;
import dev.shuttle.Connection;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Shuttle against SunJSSE in alternating short slices within one JVM, reporting the ratio of each
 * adjacent pair of slices: on a machine whose load changes from second to second, a ratio of
 * neighbours is far steadier than two scores measured minutes apart. Same {@link TlsPair}s, so the
 * same fairness rules as the JMH benchmarks. Run with {@code -Djdk.tls.server.newSessionTicketCount=0}.
 *
 * <p>Bulk runs both ways: {@code upload} as {@link TlsBulkBenchmark} (the client writes 1 MiB, the
 * server reads it and answers one byte), {@code download} the other way round (the client asks
 * with one byte, the server writes 1 MiB). Each also prints the process's CPU time per MiB
 * (client and server together), which other work on the machine disturbs less than the clock.
 *
 * <pre>java --enable-preview -Djdk.tls.server.newSessionTicketCount=0 [-Dshuttle.bench.pair=shuttle,bcshuttle] -cp ... dev.shuttle.jmh.tls.TlsRatio [rounds [slice-seconds [handshakes,upload,download]]]</pre>
 */
public final class TlsRatio {
    private static final int CHUNK = 1 << 20;
    /**
     * Seconds of each contender, in alternating quarters, before the first measured slice, when
     * run alone: a fresh JVM's JIT takes about 8 s on 2 cores to bring either contender to its
     * steady rate (JMH iterations from a cold fork: bulk climbs from ~100 to ~500 MiB/s over the
     * first 8 s).
     */
    private static final double WARM_UP_SECONDS = 8;
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** The two {@link TlsPair} implementations compared: {@code -Dshuttle.bench.pair=shuttle,sunjsse} by default. */
    private static final String[] PAIR = System.getProperty("shuttle.bench.pair", "shuttle,sunjsse").split(",", 2);
    private static final String FIRST = PAIR[0];
    private static final String SECOND = PAIR[1];

    private TlsRatio() {}

    private interface Task {
        void run() throws Exception;
    }

    /**
     * Rates of two contenders measured in adjacent slices, pair by pair (the first of each pair
     * alternating), and the process's CPU microseconds per operation in each slice.
     */
    public record Slices(List<Double> first, List<Double> second, List<Double> firstCpu, List<Double> secondCpu) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        double slice = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        String what = args.length > 2 ? args[2] : "handshakes,upload,download";
        for (String keyType : new String[] {"EC", "RSA"}) {
            if (what.contains("handshakes")) {
                print("handshakes/s", keyType, handshakes(FIRST, SECOND, keyType, rounds, slice, WARM_UP_SECONDS));
            }
            if (what.contains("upload")) {
                print("upload MiB/s", keyType, upload(FIRST, SECOND, keyType, rounds, slice, WARM_UP_SECONDS));
            }
            if (what.contains("download")) {
                print("download MiB/s", keyType, download(FIRST, SECOND, keyType, rounds, slice, WARM_UP_SECONDS));
            }
        }
    }

    /**
     * Full handshakes: connect, handshake, one byte there and back, close, one after the other from
     * one thread, as {@link TlsHandshakeBenchmark}.
     *
     * @param first a {@link TlsPair} implementation, such as {@code shuttle}
     * @param second another, such as {@code sunjsse}
     * @param keyType {@code EC} or {@code RSA}
     * @param rounds pairs of slices
     * @param slice seconds a slice
     * @param warmUp seconds of each contender before the first measured slice
     * @return the rates, slice by slice
     */
    public static Slices handshakes(String first, String second, String keyType, int rounds, double slice, double warmUp)
            throws Exception {
        try (TlsPair a = handshakePair(first, keyType); TlsPair b = handshakePair(second, keyType)) {
            return slices(rounds, slice, warmUp, () -> handshake(a), () -> handshake(b));
        }
    }

    /**
     * Uploads: 1 MiB written per operation over one connection of each contender, the server
     * answering one byte per MiB, so operations/s = MiB/s.
     *
     * @param first a {@link TlsPair} implementation, such as {@code shuttle}
     * @param second another, such as {@code sunjsse}
     * @param keyType {@code EC} or {@code RSA}
     * @param rounds pairs of slices
     * @param slice seconds a slice
     * @param warmUp seconds of each contender before the first measured slice
     * @return the rates, slice by slice
     */
    public static Slices upload(String first, String second, String keyType, int rounds, double slice, double warmUp)
            throws Exception {
        byte[] data = new byte[CHUNK];
        try (TlsPair a = uploadPair(first, keyType); TlsPair b = uploadPair(second, keyType)) {
            return overOneConnection(a, b, rounds, slice, warmUp, connection -> send(connection, data));
        }
    }

    /** Downloads: as {@link #upload}, the other way: one byte asks the server for 1 MiB. */
    public static Slices download(String first, String second, String keyType, int rounds, double slice, double warmUp)
            throws Exception {
        byte[] buffer = new byte[64 * 1024];
        try (TlsPair a = downloadPair(first, keyType); TlsPair b = downloadPair(second, keyType)) {
            return overOneConnection(a, b, rounds, slice, warmUp, connection -> receive(connection, buffer));
        }
    }

    private interface ConnectionTask {
        void run(Connection connection) throws Exception;
    }

    /** Slices of one operation repeated over one connection of each pair, both checked to be comparable. */
    private static Slices overOneConnection(TlsPair a, TlsPair b, int rounds, double slice, double warmUp,
            ConnectionTask operation) throws Exception {
        try (Connection x = a.connect(); Connection y = b.connect()) {
            TlsPair.requireTls13Aes128Gcm(x);
            TlsPair.requireTls13Aes128Gcm(y);
            return slices(rounds, slice, warmUp, () -> operation.run(x), () -> operation.run(y));
        }
    }

    private static Slices slices(int rounds, double slice, double warmUp, Task a, Task b) throws Exception {
        for (int i = 0; i < 4; i++) {
            measure(a, warmUp / 4);
            measure(b, warmUp / 4);
        }
        Slices slices = new Slices(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < rounds; i++) {
            double[] first;
            double[] second;
            if (i % 2 == 0) {
                first = measure(a, slice);
                second = measure(b, slice);
            } else {
                second = measure(b, slice);
                first = measure(a, slice);
            }
            slices.first().add(first[0]);
            slices.second().add(second[0]);
            slices.firstCpu().add(first[1]);
            slices.secondCpu().add(second[1]);
        }
        return slices;
    }

    private static void print(String unit, String keyType, Slices slices) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < slices.first().size(); i++) {
            ratios.add(slices.first().get(i) / slices.second().get(i));
        }
        Collections.sort(ratios);
        System.out.printf(Locale.ROOT, "%-14s %-3s " + FIRST + "/" + SECOND + " median %.2f (min %.2f, max %.2f, %d pairs); "
                        + FIRST + " median %.0f, " + SECOND + " median %.0f; CPU us per operation: " + FIRST + " %.0f, "
                        + SECOND + " %.0f%n",
                unit, keyType, median(ratios), ratios.getFirst(), ratios.getLast(), ratios.size(),
                median(slices.first()), median(slices.second()), median(slices.firstCpu()), median(slices.secondCpu()));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** {@return operations per second, and the process's CPU microseconds per operation} */
    private static double[] measure(Task task, double seconds) throws Exception {
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long ops = 0;
        long now;
        do {
            task.run();
            ops++;
            now = System.nanoTime();
        } while (now < end);
        return new double[] {ops / ((now - start) / 1e9), (OS.getProcessCpuTime() - cpu) / 1e3 / ops};
    }

    private static TlsPair handshakePair(String implementation, String keyType) throws Exception {
        TlsPair pair = TlsPair.create(implementation, keyType, connection -> {
            int b = connection.input().read();
            if (b >= 0) {
                connection.output().write(b);
            }
        });
        try (Connection connection = pair.connect()) {
            TlsPair.requireTls13Aes128Gcm(connection);
        }
        return pair;
    }

    private static void handshake(TlsPair pair) throws Exception {
        try (Connection connection = pair.connect()) {
            connection.output().write(42);
            connection.input().read();
        }
    }

    private static TlsPair uploadPair(String implementation, String keyType) throws Exception {
        return TlsPair.create(implementation, keyType, served -> {
            InputStream in = served.input();
            byte[] buffer = new byte[64 * 1024];
            long received = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received += n;
                if (received >= CHUNK) {
                    received -= CHUNK;
                    served.output().write(1);
                }
            }
        });
    }

    private static void send(Connection connection, byte[] data) throws Exception {
        connection.output().write(data);
        connection.input().read();
    }

    private static TlsPair downloadPair(String implementation, String keyType) throws Exception {
        return TlsPair.create(implementation, keyType, served -> {
            byte[] data = new byte[CHUNK];
            while (served.input().read() >= 0) {
                served.output().write(data);
            }
        });
    }

    private static void receive(Connection connection, byte[] buffer) throws Exception {
        connection.output().write(1);
        InputStream in = connection.input();
        int left = CHUNK;
        while (left > 0) {
            int n = in.read(buffer, 0, Math.min(buffer.length, left));
            if (n < 0) {
                throw new java.io.EOFException("The server closed after " + (CHUNK - left) + " of " + CHUNK + " bytes");
            }
            left -= n;
        }
    }
}
