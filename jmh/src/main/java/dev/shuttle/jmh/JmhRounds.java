package dev.shuttle.jmh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the benchmark methods of one JMH class round after round, one fork per method per round,
 * alternating them (A B C, B C A, C A B, ...), so that each round pairs a contender with its peer measured
 * minutes apart at most. A method that fails keeps its place with the reason.
 */
final class JmhRounds {
    private JmhRounds() {}

    /** The values of one method over the rounds (the first metric), or why it failed. */
    record Series(List<Double> values, List<double[]> all, String failure) {
        /** {@return the values of one metric over the rounds} */
        List<Double> metric(int index) {
            return all.stream().map(v -> v[index]).toList();
        }
    }

    /**
     * @param benchmark the class
     * @param methods the contenders, in the order of each round: a method name, or
     *     {@code method:param=value:param=value} for a method with JMH parameters
     * @param rounds how many rounds
     * @param options forks, iterations and times, beyond the method to include: a new builder each
     *     call, since JMH's builders add to what they were given
     * @param value what to take from each round's result
     */
    static Map<String, Series> run(Class<?> benchmark, List<String> methods, int rounds,
            java.util.function.Function<String, ChainedOptionsBuilder> options, java.util.function.Function<RunResult, double[]> value) {
        Map<String, List<double[]>> values = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (String method : dev.shuttle.jmh.echo.EchoLoad.rotated(methods, round)) {
                if (failures.containsKey(method)) {
                    continue;
                }
                try {
                    String[] parts = method.split(":");
                    ChainedOptionsBuilder builder = options.apply(method)
                            .include("^" + benchmark.getName().replace(".", "\\.") + "\\." + parts[0] + "$")
                            .forks(1)
                            .shouldFailOnError(true)
                            .verbosity(VerboseMode.SILENT);
                    for (int i = 1; i < parts.length; i++) {
                        String[] param = parts[i].split("=", 2);
                        builder = builder.param(param[0], param[1]);
                    }
                    var results = runWhenFree(builder);
                    // Exactly this method's result: an options builder shared between calls would
                    // keep the includes of earlier calls, and JMH would run (and return) them too.
                    if (results.size() != 1
                            || !results.iterator().next().getParams().getBenchmark().endsWith("." + parts[0])) {
                        throw new IllegalStateException("JMH ran " + results.stream().map(r -> r.getParams().getBenchmark())
                                .toList() + " for " + method + ": expected that one method alone (an options builder reused?)");
                    }
                    double[] v = value.apply(results.iterator().next());
                    values.computeIfAbsent(method, k -> new ArrayList<>()).add(v);
                    System.out.printf("  %s round %d %-36s %s%n", benchmark.getSimpleName(), round, method,
                            java.util.Arrays.stream(v).mapToObj(x -> String.format("%,12.3f", x)).collect(java.util.stream.Collectors.joining(" ")));
                } catch (RunnerException | RuntimeException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    String why = cause.getMessage() != null ? cause.getMessage().replace("ERROR: ", "") : cause.toString();
                    failures.put(method, why);
                    System.out.printf("  %s round %d %-36s could not run: %s%n", benchmark.getSimpleName(), round, method, why);
                }
            }
        }
        Map<String, Series> result = new LinkedHashMap<>();
        for (String method : methods) {
            String failure = failures.get(method);
            List<double[]> all = failure != null ? List.of() : values.getOrDefault(method, List.of());
            result.put(method, new Series(all.stream().map(v -> v[0]).toList(), all, failure));
        }
        return result;
    }

    /**
     * Runs JMH, waiting while another JMH run on this machine holds JMH's lock ({@code /tmp/jmh.lock}):
     * two benchmark runs at once would spoil each other's figures. Gives up after ten minutes.
     */
    private static java.util.Collection<RunResult> runWhenFree(ChainedOptionsBuilder builder) throws RunnerException {
        long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
        boolean told = false;
        while (true) {
            try {
                return new Runner(builder.build()).run();
            } catch (RunnerException e) {
                if (!String.valueOf(e.getMessage()).contains("JMH lock") || System.nanoTime() > giveUp) {
                    throw e;
                }
                if (!told) {
                    System.out.println("  another JMH run holds /tmp/jmh.lock: waiting for it to end");
                    told = true;
                }
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static ChainedOptionsBuilder timed(int warmups, int iterations) {
        return new OptionsBuilder()
                .warmupIterations(warmups).warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(1));
    }

    static ChainedOptionsBuilder singleShots(int warmups, int shots) {
        return new OptionsBuilder().warmupIterations(warmups).measurementIterations(shots);
    }
}
