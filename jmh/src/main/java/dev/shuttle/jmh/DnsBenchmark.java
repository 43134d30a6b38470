package dev.shuttle.jmh;

import dev.shuttle.Resolver;
import dev.shuttle.ResolverOptions;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A cached lookup of {@code bench.test} (one IPv4 and one IPv6 address): Shuttle's DNS resolver
 * against {@link InetAddress#getAllByName(String)} with the JDK's cache warm.
 *
 * <p>Shuttle's answer is a real DNS answer: the benchmark starts dnsmasq (Debian
 * {@code dnsmasq-base}) on a free loopback port, authoritative for {@code bench.test} with a TTL of
 * an hour, asks it once, and then measures {@code lookup(host)} served from the resolver's cache
 * (both families). The JDK resolves the same name from a hosts file of the benchmark's own
 * ({@code -Djdk.net.hosts.file}) and caches it for its default 30 seconds; after the first call
 * every call is a hit of its cache (one re-read of the small file every 30 s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview", "--sun-misc-unsafe-memory-access=allow", "-Djdk.net.hosts.file=target/dns-bench-hosts"})
public class DnsBenchmark {
    static final String HOST = "bench.test";

    private Process dnsmasq;
    private Resolver resolver;

    @Setup(Level.Trial)
    public void start() throws Exception {
        Files.writeString(Path.of("target/dns-bench-hosts"), "127.0.0.1 " + HOST + "\n::1 " + HOST + "\n");
        int port = freePort();
        dnsmasq = new ProcessBuilder("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv",
                "--no-hosts", "--listen-address=127.0.0.1", "--bind-interfaces", "--port=" + port, "--pid-file=",
                "--local=/test/", "--local-ttl=3600", "--host-record=" + HOST + ",127.0.0.1,::1")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(new java.io.File("target/dnsmasq-bench.log"))
                .start();
        resolver = Resolver.dns(ResolverOptions.builder()
                .nameservers(List.of("127.0.0.1:" + port))
                .useHostsFile(false)
                .build());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                if (resolver.lookup(HOST).size() == 2) {
                    break;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !dnsmasq.isAlive()) {
                    throw new IOException("dnsmasq did not answer (see target/dnsmasq-bench.log)", notYet);
                }
                Thread.sleep(50);
            }
        }
        if (InetAddress.getAllByName(HOST).length != 2) {
            throw new UnknownHostException("the JDK did not read target/dns-bench-hosts");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        dnsmasq.destroy();
        if (!dnsmasq.waitFor(5, TimeUnit.SECONDS)) {
            dnsmasq.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Benchmark
    public List<InetAddress> shuttleCached() throws IOException {
        return resolver.lookup(HOST);
    }

    @Benchmark
    public InetAddress[] jdkCached() throws UnknownHostException {
        return InetAddress.getAllByName(HOST);
    }

    private static int freePort() throws IOException {
        InetAddress loopback = InetAddress.ofLiteral("127.0.0.1");
        for (int i = 0; i < 20; i++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
                    ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 1, loopback)) {
                return tcp.getLocalPort();
            } catch (IOException taken) {
                // Try another.
            }
        }
        throw new IOException("no port free for both UDP and TCP on 127.0.0.1");
    }
}
