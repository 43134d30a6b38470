package dev.shuttle.jmh;

import dev.shuttle.jmh.echo.EchoLoad;
import dev.shuttle.jmh.echo.EchoServerMain;
import dev.shuttle.jmh.report.Figure;
import dev.shuttle.jmh.report.Item;
import dev.shuttle.jmh.report.MarkdownReport;
import dev.shuttle.jmh.report.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole benchmark suite, run by {@code mvn -f jmh/pom.xml verify -Dbench=quick|full}: every
 * item of issue 6 in turn, each alternating its contenders over rounds, then {@code BENCHMARKS.md}
 * and {@code benchmarks.png} in the {@code jmh} folder, written from this run's numbers only.
 *
 * <p>{@code -Dbench=jmh} hands the arguments to JMH instead. Arguments in the other modes name the
 * items to run ({@code connect eyeballs echo idle tls dns}); a run of only some items writes its
 * report under {@code jmh/target/} and leaves the committed one alone.
 */
public final class Suite {
    private static final long ATTEMPT_DELAY_MS = dev.shuttle.ConnectorOptions.defaults().connectionAttemptDelay().toMillis();
    private static final List<String> ITEMS = List.of("connect", "eyeballs", "echo", "idle", "tls", "dns");

    private Suite() {}

    public static void main(String[] args) throws Exception {
        String bench = System.getProperty("bench", "quick");
        if (bench.equals("jmh")) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Mode mode = Mode.of(bench);
        Set<String> chosen = Set.copyOf(args.length == 0 ? ITEMS : Arrays.asList(args));
        for (String item : chosen) {
            if (!ITEMS.contains(item)) {
                throw new IllegalArgumentException("unknown item " + item + ": expected some of " + ITEMS);
            }
        }
        Path top = Path.of(System.getProperty("bench.report", "..")).toAbsolutePath().normalize();
        Path target = Path.of(System.getProperty("bench.target", "target")).toAbsolutePath().normalize();
        Files.createDirectories(target);
        boolean complete = chosen.containsAll(ITEMS);
        Path out = complete ? top.resolve("jmh") : target;
        MarkdownReport report = new MarkdownReport(mode.name(), mode.command(), top);
        Instant start = Instant.now();
        System.out.printf("Shuttle benchmarks, %s mode, %d rounds%n", mode.name(), mode.rounds());
        List<Item> items = new ArrayList<>();
        EchoLoad load = new EchoLoad(target);
        Map<String, ItemRun> runs = new java.util.LinkedHashMap<>();
        runs.put("connect", () -> connect(mode));
        runs.put("eyeballs", () -> eyeballs(mode));
        runs.put("echo", () -> echo(mode, load, target));
        runs.put("idle", () -> idle(mode, load));
        runs.put("tls", () -> TlsItem.run(mode));
        runs.put("dns", () -> dns(mode));
        for (var run : runs.entrySet()) {
            if (chosen.contains(run.getKey())) {
                Instant begun = Instant.now();
                Item item = run.getValue().run().took(Duration.between(begun, Instant.now()));
                System.out.printf("  (%s took %d min %d s)%n", run.getKey(), item.took().toMinutes(), item.took().toSecondsPart());
                items.add(item);
            }
        }
        report.write(items, Duration.between(start, Instant.now()), out.resolve("BENCHMARKS.md"), out.resolve("benchmarks.png"));
        System.out.println("Wrote " + out.resolve("BENCHMARKS.md") + " and benchmarks.png");
    }

    private interface ItemRun {
        Item run() throws Exception;
    }

    private static Item connect(Mode mode) {
        System.out.println("1. Connect latency");
        List<String> methods = List.of("rawSocket", "shuttleIp", "shuttleLocalhost", "shuttleTcpConnectorIp", "rawSocketIpv6");
        Map<String, JmhRounds.Series> both = JmhRounds.run(ConnectBenchmark.class, methods, mode.rounds(),
                m -> JmhRounds.timed(mode.jmhWarmups(), mode.jmhIterations()),
                result -> new double[] {result.getPrimaryResult().getStatistics().getPercentile(50),
                        result.getPrimaryResult().getStatistics().getPercentile(99)});
        var p50 = new java.util.LinkedHashMap<String, List<Double>>();
        var p99 = new java.util.LinkedHashMap<String, List<Double>>();
        both.forEach((method, series) -> {
            p50.put(method, series.metric(0));
            p99.put(method, series.metric(1));
        });
        Item item = new Item("1. Connect latency",
                "Loopback connect and close, one at a time, on a virtual thread (JMH's benchmark thread is virtual: "
                        + "`-Djmh.executor=VIRTUAL`); p50 and p99 of JMH's per-operation samples in each round, one fork per "
                        + "contender per round. The peer is `new Socket(ip, port)`. Shuttle's default connector "
                        + "(`Connector.create()`: timeout, happy eyeballs, resolver, TCP) connects to `tcp://127.0.0.1:port` and "
                        + "to `tcp://localhost:port` (answered by the resolver without DNS, then raced: the server listens on "
                        + "`::1` and `127.0.0.1`, so `::1` wins); the bare `Connector.tcp()` is shown too, and for calibration a raw "
                        + "`new Socket(\"::1\", port)`, where `localhost` lands (the ratio rawSocketIpv6 / rawSocket shows what IPv6 loopback itself costs). "
                        + "Shuttle's connect by name is the race's, run by the calling thread: it resolves (`localhost` without "
                        + "waiting) and begins each attempt itself as a non-blocking connect, which the kernel completes before "
                        + "the call returns when the listener is on loopback, so the race is won with no thread started or woken; "
                        + "only an attempt that must wait for the network gets a virtual thread of its own (RFC 8305 needs the "
                        + "next attempt to start while it waits). Its connect by IP is one connect through the socket adaptor, "
                        + "which also checks for a connect done at once before it parks; the JDK's `new Socket(ip, port)` "
                        + "(NioSocketImpl, no timeout) parks first and then checks, one park and one wake-up more. "
                        + "Source: `jmh/src/main/java/dev/shuttle/jmh/ConnectBenchmark.java`.");
        for (String method : methods) {
            String failure = both.get(method).failure();
            item.row(method, "p50", "us", failure == null ? p50.getOrDefault(method, List.of()) : List.of(), failure);
            item.row(method, "p99", "us", failure == null ? p99.getOrDefault(method, List.of()) : List.of(), failure);
        }
        ratio(item, "1. Connect", "p50", "us", "shuttleIp", "rawSocket", p50, both, Target.ratioAtMost(1.10, "within 1.10x"));
        ratio(item, "1. Connect", "p99", "us", "shuttleIp", "rawSocket", p99, both, Target.ratioAtMost(1.10, "within 1.10x"));
        ratio(item, "1. Connect", "p50", "us", "shuttleLocalhost", "rawSocket", p50, both, Target.ratioAtMost(1.25, "within 1.25x"));
        ratio(item, "1. Connect", "p99", "us", "shuttleLocalhost", "rawSocket", p99, both, Target.ratioAtMost(1.25, "within 1.25x"));
        ratio(item, "1. Connect", "p50", "us", "shuttleTcpConnectorIp", "rawSocket", p50, both, null);
        ratio(item, "1. Connect", "p50", "us", "shuttleLocalhost", "rawSocketIpv6", p50, both, null);
        ratio(item, "1. Connect", "p50", "us", "rawSocketIpv6", "rawSocket", p50, both, null);
        return item;
    }

    private static void ratio(Item item, String name, String metric, String unit, String contender, String peer,
            Map<String, List<Double>> values, Map<String, JmhRounds.Series> series, Target target) {
        String failure = series.get(contender).failure() != null ? contender + ": " + series.get(contender).failure()
                : series.get(peer).failure() != null ? peer + ": " + series.get(peer).failure() : null;
        item.figure(failure != null ? Figure.failed(name, metric, contender, peer, target, failure)
                : Figure.of(name, metric, unit, contender, values.get(contender), peer, values.get(peer), target));
    }

    private static Item eyeballs(Mode mode) {
        System.out.println("2. Happy eyeballs");
        Map<String, JmhRounds.Series> shuttle = JmhRounds.run(HappyEyeballsBenchmark.class, List.of("shuttleDefaultConnector"),
                mode.rounds(), m -> JmhRounds.singleShots(1, mode.eyeballsShots()),
                result -> new double[] {result.getPrimaryResult().getStatistics().getPercentile(50)});
        Map<String, JmhRounds.Series> slow = JmhRounds.run(HappyEyeballsBenchmark.class,
                List.of("plainSocketWithTenSecondTimeout", "nettyBootstrapWithTenSecondTimeout"), mode.slowPeerRounds(),
                m -> JmhRounds.singleShots(0, 1), result -> new double[] {result.getPrimaryResult().getStatistics().getPercentile(50)});
        Item item = new Item("2. Happy eyeballs",
                "Time to connect to `dual.test`, whose IPv6 address `::1` is silent (a listener whose backlog is full: the "
                        + "kernel drops the SYNs) and whose IPv4 address `127.0.0.1` serves. The JDK resolves it, IPv6 first, "
                        + "from the benchmark's own hosts file. Shuttle's default connector races the addresses (RFC 8305, "
                        + ATTEMPT_DELAY_MS + " ms connection attempt delay, its default); a plain `Socket.connect` with a 10 s timeout and Netty's `Bootstrap` "
                        + "with `CONNECT_TIMEOUT_MILLIS` 10 000 try the first address only. Single-shot times in ms; the median "
                        + "of the shots of each round (Shuttle), one shot per round for the slow peers. "
                        + "Source: `jmh/src/main/java/dev/shuttle/jmh/HappyEyeballsBenchmark.java`.");
        List<Double> shuttleValues = shuttle.get("shuttleDefaultConnector").values();
        item.row("shuttleDefaultConnector", "time to connect", "ms", shuttleValues, shuttle.get("shuttleDefaultConnector").failure());
        for (var entry : slow.entrySet()) {
            item.row(entry.getKey(), "time to connect", "ms", entry.getValue().values(), entry.getValue().failure());
        }
        // The target is absolute (the attempt delay plus 25 ms); the ratios pair Shuttle's rounds with the slow peers' rounds.
        for (var entry : slow.entrySet()) {
            String failure = shuttle.get("shuttleDefaultConnector").failure() != null ? shuttle.get("shuttleDefaultConnector").failure()
                    : entry.getValue().failure();
            int n = Math.min(shuttleValues.size(), entry.getValue().values().size());
            item.figure(failure != null || n == 0
                    ? Figure.failed("2. Happy eyeballs", "time to connect", "shuttleDefaultConnector", entry.getKey(), null,
                            failure != null ? failure : "no rounds")
                    : Figure.of("2. Happy eyeballs", "time to connect", "ms", "shuttleDefaultConnector",
                            shuttleValues.subList(0, n), entry.getKey(), entry.getValue().values().subList(0, n),
                            Target.valueAtMost(ATTEMPT_DELAY_MS + 25,
                                    "at most the attempt delay + 25 ms (" + (ATTEMPT_DELAY_MS + 25) + " ms)")));
        }
        return item;
    }

    private static Item echo(Mode mode, EchoLoad load, Path target) throws Exception {
        System.out.println("3. Echo");
        EchoLoad.Echo echo = load.echo(mode.rounds(), mode.echoConnections(), mode.echoRoundTrips(),
                Math.max(50, mode.echoRoundTrips() / 10));
        Map<String, EchoLoad.Series> result = echo.rate();
        Item item = new Item("3. Echo",
                "Round trips per second: " + mode.echoConnections() + " concurrent connections x " + mode.echoRoundTrips()
                        + " timed round trips of 64 bytes (after " + Math.max(50, mode.echoRoundTrips() / 10)
                        + " untimed ones each). The clients are the same for every server: blocking `Socket`s on virtual "
                        + "threads in the harness JVM, one write and one read of 64 bytes per round trip. Each server runs in a "
                        + "fresh JVM of its own (" + String.join(" ", EchoLoad.serverJvmFlags()) + "), "
                        + "the contenders alternating round by round (each round starting with the next one). Servers: `plain` is a `ServerSocket` with a virtual "
                        + "thread per connection and an 8 KB buffer; Netty NIO and epoll with their defaults (2 x cores "
                        + "event loops, pooled allocator, write in `channelRead`, flush in `channelReadComplete`); `shuttle` is "
                        + "`Server.listen(...).serve(c -> c.input().transferTo(c.output()))`; `shuttle-readable` is "
                        + "`serveWhenReadable` with a handler that reads what has arrived into a 512-byte array, writes it back "
                        + "and returns `true`. The CPU rows are each process's CPU time (user and system, from the OS) over "
                        + "the timed round trips, divided by their number: the server's JVM, and the harness JVM running the "
                        + "clients; with both sides sharing the 2 cores, their sum is what a round trip costs the machine. "
                        + "Source: `jmh/src/main/java/dev/shuttle/jmh/echo/`.");
        echoFigures(item, "3. Echo", "round trips/s", "1/s", result, EchoServerMain.SHUTTLE,
                Map.of(EchoServerMain.NETTY_EPOLL, Target.ratioAtLeast(1.0, "at least Netty epoll")));
        echoFigures(item, "3. Echo", "round trips/s", "1/s", result, EchoServerMain.SHUTTLE_READABLE,
                Map.of(EchoServerMain.NETTY_EPOLL, Target.ratioAtLeast(1.0, "at least Netty epoll")));
        cpuRows(item, "server CPU per round trip", echo.serverCpu());
        cpuRows(item, "client CPU per round trip", echo.clientCpu());
        item.note("What Shuttle does on this path: the handler above is the whole server; `transferTo` on a Shuttle "
                + "connection waits for data in a small buffer (256 bytes) and moves bursts through 16 KiB buffers "
                + "borrowed from a process-wide pool and given back before the next wait, so no read allocates and no "
                + "idle connection holds a large buffer (`dev.shuttle.internal.io.ConnectionInput`, `BufferPool`). Each "
                + "64-byte message is then one read and one write, as in the plain server; what remains is the JDK's: "
                + "the read that finds nothing, parking the virtual thread, the poller's re-registration of the socket and "
                + "the unpark through the scheduler, where Netty's event loop reads ready sockets without any hand-off. "
                + "Shuttle leaves the JDK's poller mode (`jdk.pollerMode`) and every other JVM setting at its default. "
                + "There is no write batching to do in a ping-pong: each reply is one write. `shuttle-readable` runs "
                + "as an event loop: two selectors per core, whose thread calls the handler inline for each ready "
                + "connection and reads and writes the non-blocking socket directly (one read and one write per "
                + "message, no thread hand-off); only a call that waits, or runs past a 1 ms slice, hands the loop to "
                + "a new virtual thread (`dev.shuttle.internal.server.readable.ReadinessLoop`). What remains of the JDK's is the "
                + "selecting thread's own park when nothing is ready: a virtual thread's select parks through the "
                + "JDK's poller instead of blocking in `epoll_wait` as Netty's platform threads do. Seen from outside "
                + "(`strace -c -f` and `perf record -g` on the server JVM under this load, 1,000 connections): "
                + "`shuttle-readable` makes one `read` and one `write` per message and finds about 250 ready connections "
                + "per `epoll_wait`, where Netty epoll also makes reads that find nothing (11% of its `recvfrom`s); in "
                + "both servers about 82% of the CPU time is the kernel's (mostly the loopback TCP path run inside each "
                + "`write`), and the server CPU per round trip differs by 5-10%: the JDK's channels go through "
                + "`read(2)`/`write(2)` and the VFS where Netty's native code calls `recvfrom`/`sendto`, and the "
                + "scheduler's wake-ups of carrier threads (`futex`) add a little.");
        if (mode.profile()) {
            item.note(Profile.echo(target, mode));
        }
        return item;
    }

    /** One row per server of a CPU cost per round trip, and shuttle-readable's ratio to Netty epoll's. */
    private static void cpuRows(Item item, String metric, Map<String, EchoLoad.Series> cpu) {
        for (var entry : cpu.entrySet()) {
            item.row(entry.getKey(), metric, "us", entry.getValue().values(), entry.getValue().failure());
        }
        EchoLoad.Series mine = cpu.get(EchoServerMain.SHUTTLE_READABLE);
        EchoLoad.Series theirs = cpu.get(EchoServerMain.NETTY_EPOLL);
        String failure = mine.failure() != null ? mine.failure() : theirs.failure();
        item.figure(failure != null
                ? Figure.failed("3. Echo", metric, EchoServerMain.SHUTTLE_READABLE, EchoServerMain.NETTY_EPOLL, null, failure)
                : Figure.of("3. Echo", metric, "us", EchoServerMain.SHUTTLE_READABLE, mine.values(),
                        EchoServerMain.NETTY_EPOLL, theirs.values(), null));
    }

    private static void echoFigures(Item item, String name, String metric, String unit, Map<String, EchoLoad.Series> result,
            String contender, Map<String, Target> targets) {
        if (contender.equals(EchoServerMain.SHUTTLE)) {
            for (var entry : result.entrySet()) {
                item.row(entry.getKey(), metric, unit, entry.getValue().values(), entry.getValue().failure());
            }
        }
        EchoLoad.Series mine = result.get(contender);
        for (String peer : EchoLoad.SERVERS) {
            if (peer.equals(contender) || (peer.startsWith("shuttle") && !contender.equals(EchoServerMain.SHUTTLE))) {
                continue; // shuttle-readable is compared with the peers and with shuttle, once
            }
            EchoLoad.Series theirs = result.get(peer);
            String failure = mine.failure() != null ? contender + ": " + mine.failure()
                    : theirs.failure() != null ? peer + ": " + theirs.failure() : null;
            item.figure(failure != null ? Figure.failed(name, metric, contender, peer, targets.get(peer), failure)
                    : Figure.of(name, metric, unit, contender, mine.values(), peer, theirs.values(), targets.get(peer)));
        }
    }

    private static Item idle(Mode mode, EchoLoad load) throws Exception {
        System.out.println("4. Idle connections");
        Map<String, String> histograms = new java.util.LinkedHashMap<>();
        Map<String, EchoLoad.Series[]> result = load.idle(mode.idleRounds(), mode.idleConnections(), histograms);
        Item item = new Item("4. Idle connections",
                "Memory of " + mode.idleConnections() + " idle connections held by each echo server of item 3, each "
                        + "connection having made one round trip first: the server JVM's heap after full GCs (`System.gc()` x 3) "
                        + "and its resident set size (`VmRSS`), after minus before, divided by the number of connections. "
                        + "Source: `jmh/src/main/java/dev/shuttle/jmh/echo/EchoLoad.java`.");
        Map<String, EchoLoad.Series> heap = new java.util.LinkedHashMap<>();
        Map<String, EchoLoad.Series> rss = new java.util.LinkedHashMap<>();
        result.forEach((server, series) -> {
            heap.put(server, series[0]);
            rss.put(server, series[1]);
        });
        echoFigures(item, "4. Idle heap", "heap per connection", "B", heap, EchoServerMain.SHUTTLE,
                Map.of(EchoServerMain.NETTY_NIO, Target.ratioAtMost(1.0, "at most Netty NIO")));
        echoFigures(item, "4. Idle heap", "heap per connection", "B", heap, EchoServerMain.SHUTTLE_READABLE,
                Map.of(EchoServerMain.NETTY_NIO, Target.ratioAtMost(1.0, "at most Netty NIO")));
        echoFigures(item, "4. Idle RSS", "RSS per connection", "B", rss, EchoServerMain.SHUTTLE, Map.of());
        echoFigures(item, "4. Idle RSS", "RSS per connection", "B", rss, EchoServerMain.SHUTTLE_READABLE, Map.of());
        item.note("What Shuttle does: with `serve` (`shuttle`), an idle connection holds no transfer buffer (see item 3), "
                + "which takes it from the plain server's figure to its own; what is left is the cost of a thread per "
                + "connection: the parked virtual thread's stack (`jdk.internal.vm.StackChunk` below) alone weighs more than a "
                + "whole Netty channel. `serveWhenReadable` (`shuttle-readable`) removes that thread: between messages a "
                + "connection waits in one of the server's selectors, whose thread calls the handler inline when data "
                + "comes, so an idle connection is its socket objects, a selection key and the small object the handler "
                + "sees (`ReadableChannel`, about 100 bytes with its two streams).");
        histograms.forEach((server, table) -> item.note("Where the heap of an idle connection goes, " + server
                + " (last round; `jcmd <pid> GC.class_histogram` after minus before, per connection; the histogram's "
                + "own full GC may differ slightly from the figures above):\n\n" + table));
        return item;
    }

    private static Item dns(Mode mode) {
        System.out.println("6. DNS");
        List<String> methods = List.of("jdkCached", "shuttleCached");
        Map<String, JmhRounds.Series> result = JmhRounds.run(DnsBenchmark.class, methods, mode.rounds(),
                m -> JmhRounds.timed(mode.jmhWarmups(), mode.jmhIterations()), r -> new double[] {r.getPrimaryResult().getScore()});
        Item item = new Item("6. DNS",
                "A cached lookup of `bench.test` (one IPv4 and one IPv6 address), ns per lookup (JMH average time). "
                        + "Shuttle: `Resolver.dns(options)` asking a dnsmasq the benchmark starts on a free loopback port "
                        + "(TTL one hour), so the cached answer is a real DNS answer; `lookup(host)` then returns both families "
                        + "from the resolver's own cache. The peer: `InetAddress.getAllByName` for the same name, from a hosts "
                        + "file of the benchmark's (`-Djdk.net.hosts.file`), after a first call has filled the JDK's cache. "
                        + "Source: `jmh/src/main/java/dev/shuttle/jmh/DnsBenchmark.java`.");
        for (String method : methods) {
            item.row(method, "cached lookup", "ns", result.get(method).values(), result.get(method).failure());
        }
        Map<String, List<Double>> values = new java.util.HashMap<>();
        result.forEach((method, series) -> values.put(method, series.values()));
        ratio(item, "6. DNS", "cached lookup", "ns", "shuttleCached", "jdkCached", values, result,
                Target.ratioAtMost(1.0, "at least as fast"));
        ratio(item, "6. DNS", "cached lookup (under 500 ns)", "ns", "shuttleCached", "jdkCached", values, result,
                Target.valueAtMost(500, "under 500 ns"));
        return item;
    }
}
