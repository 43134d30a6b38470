package dev.shuttle.jmh.tls;

import com.sun.management.OperatingSystemMXBean;
import dev.shuttle.Connection;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The same handshakes and bulk transfer as {@link TlsHandshakeBenchmark} and {@link TlsBulkBenchmark}
 * (the same {@link TlsPair}s), measured by CPU time as well as by the clock: on a machine that other
 * work keeps busy, the process's CPU time per handshake (client and server together) stays steady
 * where wall-clock throughput does not. Prints handshakes and MiB per second of wall time and per
 * CPU-second. Run with {@code -Djdk.tls.server.newSessionTicketCount=0} like the benchmarks.
 *
 * <pre>java --enable-preview -Djdk.tls.server.newSessionTicketCount=0 -cp ... dev.shuttle.jmh.tls.TlsCpuCost [seconds [filter [handshakes|bulk]]]</pre>
 *
 * <p>The filter picks pairs by a substring of {@code "shuttle EC"}, {@code "sunjsse RSA"} and so on;
 * {@code -Dimplementations=shuttle,sunjsse,bcjsse,bcshuttle} picks the {@link TlsPair} kinds (default
 * {@code shuttle,sunjsse}). Runs one after the other, with a short warm-up: for ratios, prefer
 * {@link TlsHandshakeCompare}, which alternates and warms up for as long as the JIT needs.
 */
public final class TlsCpuCost {
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private TlsCpuCost() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        String only = args.length > 1 ? args[1] : "";
        String what = args.length > 2 ? args[2] : "handshakes bulk";
        for (String keyType : new String[] {"EC", "RSA"}) {
            for (String implementation : System.getProperty("implementations", "shuttle,sunjsse").split(",")) {
                if (!(implementation + " " + keyType).contains(only)) {
                    continue;
                }
                if (what.contains("handshakes")) {
                    handshakes(implementation, keyType, seconds);
                }
                if (what.contains("bulk")) {
                    bulk(implementation, keyType, seconds);
                }
            }
        }
    }

    private static void handshakes(String implementation, String keyType, double seconds) throws Exception {
        try (TlsPair pair = TlsPair.create(implementation, keyType, connection -> {
            int b = connection.input().read();
            if (b >= 0) {
                connection.output().write(b);
            }
        })) {
            try (Connection connection = pair.connect()) {
                TlsPair.requireTls13Aes128Gcm(connection);
            }
            run(seconds, () -> handshake(pair)); // warm-up
            report("handshakes/s", implementation, keyType, run(seconds, () -> handshake(pair)), 1);
        }
    }

    private static void bulk(String implementation, String keyType, double seconds) throws Exception {
        int chunk = 1 << 20;
        try (TlsPair pair = TlsPair.create(implementation, keyType, served -> {
            InputStream in = served.input();
            byte[] buffer = new byte[64 * 1024];
            long received = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received += n;
                if (received >= chunk) {
                    received -= chunk;
                    served.output().write(1);
                }
            }
        }); Connection connection = pair.connect()) {
            TlsPair.requireTls13Aes128Gcm(connection);
            byte[] data = new byte[chunk];
            Task send = () -> {
                connection.output().write(data);
                connection.input().read();
            };
            run(seconds, send);
            report("MiB/s", implementation, keyType, run(seconds, send), 1);
        }
    }

    private interface Task {
        void run() throws Exception;
    }

    private static void handshake(TlsPair pair) throws Exception {
        try (Connection connection = pair.connect()) {
            connection.output().write(42);
            connection.input().read();
        }
    }

    /** {@return operations, wall nanos, CPU nanos} */
    private static long[] run(double seconds, Task task) throws Exception {
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
        return new long[] {ops, now - start, OS.getProcessCpuTime() - cpu};
    }

    private static void report(String unit, String implementation, String keyType, long[] result, int perOp) {
        double wall = result[0] * perOp / (result[1] / 1e9);
        double cpu = result[0] * perOp / (result[2] / 1e9);
        System.out.printf(Locale.ROOT, "%-12s %-8s %-3s wall %8.1f  per CPU-second %8.1f  (cpu/wall %.2f)%n",
                unit, implementation, keyType, wall, cpu, result[2] / (double) result[1]);
    }
}
