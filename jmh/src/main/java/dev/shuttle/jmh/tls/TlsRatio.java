package dev.shuttle.jmh.tls;

import dev.shuttle.Connection;
import java.io.InputStream;
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
 * <pre>java --enable-preview -Djdk.tls.server.newSessionTicketCount=0 -cp ... dev.shuttle.jmh.tls.TlsRatio [rounds [slice-seconds]]</pre>
 */
public final class TlsRatio {
    private static final int CHUNK = 1 << 20;

    private TlsRatio() {}

    private interface Task {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        double slice = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        for (String keyType : new String[] {"EC", "RSA"}) {
            try (TlsPair shuttle = handshakePair("shuttle", keyType); TlsPair sun = handshakePair("sunjsse", keyType)) {
                compare("handshakes/s", keyType, rounds, slice, () -> handshake(shuttle), () -> handshake(sun));
            }
            try (TlsPair shuttle = bulkPair("shuttle", keyType); TlsPair sun = bulkPair("sunjsse", keyType);
                    Connection a = shuttle.connect(); Connection b = sun.connect()) {
                TlsPair.requireTls13Aes128Gcm(a);
                TlsPair.requireTls13Aes128Gcm(b);
                byte[] data = new byte[CHUNK];
                compare("MiB/s", keyType, rounds, slice, () -> send(a, data), () -> send(b, data));
            }
        }
    }

    private static void compare(String unit, String keyType, int rounds, double slice, Task shuttle, Task sun)
            throws Exception {
        rate(shuttle, slice * 3);
        rate(sun, slice * 3);
        List<Double> ratios = new ArrayList<>();
        List<Double> shuttleRates = new ArrayList<>();
        List<Double> sunRates = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            double first;
            double second;
            if (i % 2 == 0) {
                first = rate(shuttle, slice);
                second = rate(sun, slice);
            } else {
                second = rate(sun, slice);
                first = rate(shuttle, slice);
            }
            shuttleRates.add(first);
            sunRates.add(second);
            ratios.add(first / second);
        }
        Collections.sort(ratios);
        System.out.printf(Locale.ROOT, "%-12s %-3s shuttle/sunjsse median %.2f (min %.2f, max %.2f, %d pairs); "
                        + "shuttle median %.0f, sunjsse median %.0f%n", unit, keyType, median(ratios), ratios.getFirst(),
                ratios.getLast(), rounds, median(shuttleRates), median(sunRates));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double rate(Task task, double seconds) throws Exception {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long ops = 0;
        long now;
        do {
            task.run();
            ops++;
            now = System.nanoTime();
        } while (now < end);
        return ops / ((now - start) / 1e9);
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

    private static TlsPair bulkPair(String implementation, String keyType) throws Exception {
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
}
