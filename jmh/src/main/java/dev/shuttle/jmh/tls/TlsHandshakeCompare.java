package dev.shuttle.jmh.tls;

import com.sun.management.OperatingSystemMXBean;
import dev.shuttle.Connection;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Full TLS handshakes of several implementations in alternating short slices within one JVM, the
 * same operation as {@link TlsHandshakeBenchmark} (connect, handshake, one byte there and back,
 * close), by wall clock and by process CPU time per handshake (client and server together), with
 * one or more client threads. Prints the median and the range over the slices of each.
 *
 * <p>Implementations: {@code shuttle} (Shuttle's connector and server), {@code sunjsse} (the JDK's
 * {@code SSLSocket}s), {@code bcjsse} (bare BouncyCastle JSSE with BouncyCastle's own crypto),
 * {@code bcshuttle} (bare BouncyCastle JSSE sockets with Shuttle's provider instance).
 *
 * <pre>java --enable-preview -Djdk.tls.server.newSessionTicketCount=0 -cp jmh/target/benchmarks.jar \
 *     dev.shuttle.jmh.tls.TlsHandshakeCompare EC shuttle,sunjsse [rounds [slice-seconds [clients]]]</pre>
 *
 * <p>{@code -Dwarmup=20}: seconds of handshakes, all implementations in turn, before measuring.
 */
public final class TlsHandshakeCompare {
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private TlsHandshakeCompare() {}

    public static void main(String[] args) throws Exception {
        String keyType = args[0];
        String[] implementations = args[1].split(",");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        double slice = args.length > 3 ? Double.parseDouble(args[3]) : 1.0;
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        Map<String, TlsPair> pairs = new LinkedHashMap<>();
        try {
            for (String implementation : implementations) {
                TlsPair pair = TlsPair.create(implementation, keyType, connection -> {
                    int b = connection.input().read();
                    if (b >= 0) {
                        connection.output().write(b);
                    }
                });
                pairs.put(implementation, pair);
                try (Connection connection = pair.connect()) {
                    TlsPair.requireTls13Aes128Gcm(connection);
                }
            }
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, List<Double>> cpuMicros = new LinkedHashMap<>();
            double warmUp = Double.parseDouble(System.getProperty("warmup", "20"));
            for (String implementation : implementations) {
                rates.put(implementation, new ArrayList<>());
                cpuMicros.put(implementation, new ArrayList<>());
            }
            // The JIT keeps compiling BouncyCastle's and the JDK's handshake code for about 20 s on 2 cores.
            for (int i = 0; i < 4; i++) {
                for (String implementation : implementations) {
                    slice(pairs.get(implementation), warmUp / 4 / implementations.length, clients);
                }
            }
            for (int round = 0; round < rounds; round++) {
                List<String> order = new ArrayList<>(List.of(implementations));
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (String implementation : order) {
                    double[] result = slice(pairs.get(implementation), slice, clients);
                    rates.get(implementation).add(result[0]);
                    cpuMicros.get(implementation).add(result[1]);
                }
            }
            String first = implementations[0];
            for (String implementation : implementations) {
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    ratios.add(rates.get(first).get(i) / rates.get(implementation).get(i));
                }
                System.out.printf(Locale.ROOT,
                        "%-3s %-10s clients %2d  handshakes/s median %6.0f [%6.0f..%6.0f]  CPU us/handshake median %6.0f [%6.0f..%6.0f]"
                                + "  %s/this median %.2f [%.2f..%.2f]%n",
                        keyType, implementation, clients, median(rates.get(implementation)), min(rates.get(implementation)),
                        max(rates.get(implementation)), median(cpuMicros.get(implementation)),
                        min(cpuMicros.get(implementation)), max(cpuMicros.get(implementation)), first, median(ratios),
                        min(ratios), max(ratios));
            }
        } finally {
            for (TlsPair pair : pairs.values()) {
                pair.close();
            }
        }
    }

    /** {@return handshakes per second, CPU microseconds per handshake} */
    private static double[] slice(TlsPair pair, double seconds, int clients) throws Exception {
        AtomicLong count = new AtomicLong();
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    do {
                        try (Connection connection = pair.connect()) {
                            connection.output().write(42);
                            connection.input().read();
                        }
                        count.incrementAndGet();
                    } while (System.nanoTime() < end);
                } catch (Exception e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
        long wall = System.nanoTime() - start;
        long cpuUsed = OS.getProcessCpuTime() - cpu;
        return new double[] {count.get() / (wall / 1e9), cpuUsed / 1e3 / count.get()};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return Collections.min(values);
    }

    private static double max(List<Double> values) {
        return Collections.max(values);
    }
}
