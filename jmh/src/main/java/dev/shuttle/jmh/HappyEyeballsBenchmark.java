package dev.shuttle.jmh;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Resolver;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
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
 * the first address only and waits out its timeout, and so does Netty's {@link Bootstrap} with a
 * 10-second connect timeout (its default resolver asks the JDK for one address).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Djava.net.preferIPv6Addresses=true", "-Djdk.net.hosts.file=target/dual-test-hosts"})
public class HappyEyeballsBenchmark {
    private SilentIpv6Port port;
    private Connector shuttle;
    private EventLoopGroup netty;

    @Setup(Level.Trial)
    public void start() throws IOException {
        Files.writeString(Path.of("target/dual-test-hosts"), "::1 dual.test\n127.0.0.1 dual.test\n");
        port = new SilentIpv6Port();
        shuttle = Connector.create(ConnectorOptions.builder().resolver(Resolver.system()).build());
        netty = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        netty.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
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

    @Benchmark
    public String nettyBootstrapWithTenSecondTimeout() throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap().group(netty).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInboundHandlerAdapter());
        try {
            Channel channel = bootstrap.connect("dual.test", port.port()).sync().channel();
            String address = channel.remoteAddress().toString();
            channel.close().sync();
            return address;
        } catch (Exception e) {
            if (e instanceof ConnectTimeoutException) {
                return "timed out";
            }
            throw e;
        }
    }
}
