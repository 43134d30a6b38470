package dev.shuttle.jmh.echo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where an idle connection's heap goes: the difference of two class histograms of a server's JVM
 * ({@code jcmd <pid> GC.class_histogram}, live objects after a full GC), before and after the
 * connections were opened, divided by their number.
 */
final class HeapHistogram {
    private final Map<String, long[]> classes;

    private HeapHistogram(Map<String, long[]> classes) {
        this.classes = classes;
    }

    static HeapHistogram of(long pid) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process jcmd = new ProcessBuilder(Path.of(java).resolveSibling("jcmd").toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(60, TimeUnit.SECONDS);
        Map<String, long[]> classes = new HashMap<>();
        for (String line : output.lines().toList()) {
            String[] parts = line.trim().split("\\s+");
            // "   1:        123456       7890123  java.lang.String (java.base@25)"
            if (parts.length >= 4 && parts[0].endsWith(":") && parts[1].matches("\\d+") && parts[2].matches("\\d+")) {
                classes.put(parts[3], new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
            }
        }
        return new HeapHistogram(classes);
    }

    /** {@return a table of the classes that grew by at least half an instance per connection} */
    String perConnection(HeapHistogram before, int connections, int rows) {
        record Growth(String name, double instances, double bytes) {}
        List<Growth> growth = new ArrayList<>();
        classes.forEach((name, after) -> {
            long[] was = before.classes.getOrDefault(name, new long[2]);
            double instances = (after[0] - was[0]) / (double) connections;
            double bytes = (after[1] - was[1]) / (double) connections;
            if (instances >= 0.5) {
                growth.add(new Growth(name, instances, bytes));
            }
        });
        growth.sort((a, b) -> Double.compare(b.bytes, a.bytes));
        StringBuilder table = new StringBuilder("| Class | Instances per connection | Bytes per connection |\n|---|---|---|\n");
        double total = 0;
        for (Growth g : growth) {
            total += g.bytes;
        }
        for (Growth g : growth.subList(0, Math.min(rows, growth.size()))) {
            table.append(String.format(Locale.ROOT, "| `%s` | %.1f | %.0f |%n", g.name, g.instances, g.bytes));
        }
        table.append(String.format(Locale.ROOT, "| all classes growing by half an instance or more | | %.0f |%n", total));
        return table.toString();
    }
}
