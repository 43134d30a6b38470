package dev.shuttle.jmh;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Resolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Time to connect to {@code dual.test}, a name whose IPv6 address ({@code ::1}) is silent and
 * whose IPv4 address ({@code 127.0.0.1}) serves. The JDK resolves it from a hosts file of this
 * benchmark's own, IPv6 first, as a dual-stack host would. Shuttle's default connector races the
 * addresses (RFC 8305, 250 ms attempt delay); a plain socket with a 10-second connect timeout tries
 * the first address only and waits out its timeout.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Djava.net.preferIPv6Addresses=true", "-Djdk.net.hosts.file=target/dual-test-hosts"})
public class HappyEyeballsBenchmark {
    private SilentIpv6Port port;
    private Connector shuttle;

    @Setup(Level.Trial)
    public void start() throws IOException {
        Files.writeString(Path.of("target/dual-test-hosts"), "::1 dual.test\n127.0.0.1 dual.test\n");
        port = new SilentIpv6Port();
        shuttle = Connector.create(ConnectorOptions.builder().resolver(Resolver.system()).build());
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        port.close();
    }

    @Benchmark
    public String shuttleDefaultConnector() throws IOException {
        try (Connection connection = shuttle.connect("tcp://dual.test:" + port.port())) {
            return connection.remoteAddress().host();
        }
    }

    @Benchmark
    public String plainSocketWithTenSecondTimeout() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("dual.test", port.port()), 10_000);
            return socket.getInetAddress().getHostAddress();
        } catch (SocketTimeoutException e) {
            return "timed out";
        }
    }
}
