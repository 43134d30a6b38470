package dev.shuttle.jmh.tls;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * {@link DropInHandshakeBenchmark}'s handshakes counted per CPU-second of the whole process (client
 * and server together) as well as per second of wall time, in alternating rounds of the two
 * factories (dropin sunjsse, sunjsse dropin, ...). On a machine other work keeps busy, CPU time per
 * handshake stays steady where wall-clock throughput does not: the figure to compare two builds by.
 *
 * <pre>java --enable-preview -Djdk.tls.server.newSessionTicketCount=0 -cp jmh/target/benchmarks.jar dev.shuttle.jmh.tls.DropInHandshakeCpu [rounds [seconds]]</pre>
 */
public final class DropInHandshakeCpu {
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private DropInHandshakeCpu() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        DropInHandshakeBenchmark dropin = started("dropin");
        DropInHandshakeBenchmark sunjsse = started("sunjsse");
        try {
            for (int round = 0; round < rounds; round++) {
                DropInHandshakeBenchmark first = round % 2 == 0 ? dropin : sunjsse;
                DropInHandshakeBenchmark second = first == dropin ? sunjsse : dropin;
                measure(round, first, seconds);
                measure(round, second, seconds);
            }
        } finally {
            dropin.stop();
            sunjsse.stop();
        }
    }

    private static DropInHandshakeBenchmark started(String factory) throws Exception {
        DropInHandshakeBenchmark benchmark = new DropInHandshakeBenchmark();
        benchmark.factory = factory;
        benchmark.start(); // includes the warm-up (shuttle.bench.tlsWarmUpSeconds)
        return benchmark;
    }

    private static void measure(int round, DropInHandshakeBenchmark benchmark, double seconds) throws Exception {
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int count = 0;
        while (System.nanoTime() < end) {
            benchmark.handshake();
            count++;
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (OS.getProcessCpuTime() - cpu) / 1e9;
        System.out.printf(Locale.ROOT, "round %d %-8s %6d handshakes %8.1f/s wall %8.1f/CPU-s%n", round, benchmark.factory, count,
                count / wall, count / cpuSeconds);
    }
}
