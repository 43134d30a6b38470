package dev.shuttle.jmh;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Resolver;
import dev.shuttle.ResolverOptions;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Happy Eyeballs v3 against RFC 8305: time to connect to {@code tcp://dual.test:P}, whose IPv6
 * address {@code ::1} is silent on P and whose IPv4 address {@code 127.0.0.1} serves, as in
 * {@link HappyEyeballsBenchmark}. dnsmasq (started here, TTL one hour, answers cached after the
 * first connect) also serves an SVCB record {@code _P._bench.dual.test SVCB 1 v4.dual.test
 * port=P ipv4hint=127.0.0.1}: the service lives on a target with IPv4 only.
 *
 * <p>{@code rfc8305}: the default connector with service records off races {@code ::1} first and
 * reaches IPv4 after the connection attempt delay (250 ms). {@code v3}: the same connector asking
 * for SVCB records ({@code serviceScheme("bench")}) starts on the record's target, whose hint and
 * address are the serving one: the record saves the dead address. {@code v3HintOnly}: a record
 * whose target has no address records at all ({@code _P._bench.hint.test SVCB 1 none.test
 * ipv4hint=127.0.0.1}): only the hint reaches the service, without a round of DNS for the target.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview", "--sun-misc-unsafe-memory-access=allow"})
public class ServiceRecordsBenchmark {
    private SilentIpv6Port port;
    private Process dnsmasq;
    private Connector rfc8305;
    private Connector v3;

    @Setup(Level.Trial)
    public void start() throws Exception {
        port = new SilentIpv6Port();
        int p = port.port();
        int dns = freePort();
        String pp = String.format("%04x", p);
        String v4Target = "027634046475616c0474657374" + "00"; // v4.dual.test
        String none = "046e6f6e650474657374" + "00"; // none.test
        dnsmasq = new ProcessBuilder("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv",
                "--no-hosts", "--listen-address=127.0.0.1", "--bind-interfaces", "--port=" + dns, "--pid-file=",
                "--local=/test/", "--local-ttl=3600", "--host-record=dual.test,127.0.0.1,::1",
                "--host-record=v4.dual.test,127.0.0.1", "--host-record=hint.test,::1",
                "--dns-rr=_" + p + "._bench.dual.test,64," + hex("0001" + v4Target + "0003" + "0002" + pp + "0004" + "0004" + "7f000001"),
                "--dns-rr=_" + p + "._bench.hint.test,64," + hex("0001" + none + "0003" + "0002" + pp + "0004" + "0004" + "7f000001"))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(new java.io.File("target/dnsmasq-hev3.log"))
                .start();
        Resolver resolver = Resolver.dns(ResolverOptions.builder()
                .nameservers(List.of("127.0.0.1:" + dns)).useHostsFile(false).searchDomains(List.of()).build());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                resolver.lookup("dual.test");
                break;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !dnsmasq.isAlive()) {
                    throw new IOException("dnsmasq did not answer (see target/dnsmasq-hev3.log)", notYet);
                }
                Thread.sleep(50);
            }
        }
        ConnectorOptions options = ConnectorOptions.builder().resolver(resolver).build();
        rfc8305 = Connector.create(options.toBuilder().serviceRecords(false).build());
        v3 = Connector.create(options.toBuilder().serviceScheme("bench").build());
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        dnsmasq.destroy();
        if (!dnsmasq.waitFor(5, TimeUnit.SECONDS)) {
            dnsmasq.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        port.close();
    }

    @Benchmark
    public String rfc8305() throws IOException {
        try (Connection connection = rfc8305.connect("tcp://dual.test:" + port.port())) {
            return connection.remoteAddress().host();
        }
    }

    @Benchmark
    public String v3() throws IOException {
        try (Connection connection = v3.connect("tcp://dual.test:" + port.port())) {
            return connection.remoteAddress().host();
        }
    }

    @Benchmark
    public String v3HintOnly() throws IOException {
        try (Connection connection = v3.connect("tcp://hint.test:" + port.port())) {
            return connection.remoteAddress().host();
        }
    }

    private static String hex(String hex) {
        return HexFormat.ofDelimiter(":").formatHex(HexFormat.of().parseHex(hex));
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
