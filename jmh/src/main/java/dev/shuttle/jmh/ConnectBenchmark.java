package dev.shuttle.jmh;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
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
 * Loopback connect and close, timed per operation (p50 and p99 from JMH's samples), on a virtual
 * thread: JMH's benchmark threads are virtual ({@code -Djmh.executor=VIRTUAL}), the way Shuttle is
 * meant to be called. Contenders: a raw {@code new Socket(ip, port)} (and to {@code ::1}, for
 * calibration); Shuttle's default connector
 * ({@link Connector#create()}: timeout, happy eyeballs, resolver, TCP) with an IP URI and with
 * {@code localhost} (answered by the resolver without DNS, then raced over {@code ::1} and
 * {@code 127.0.0.1}); and the bare TCP connector with an IP URI. The server listens on the same
 * port on {@code 127.0.0.1} and {@code ::1}, and virtual threads accept and close.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview", "--sun-misc-unsafe-memory-access=allow", "-Djmh.executor=VIRTUAL"})
public class ConnectBenchmark {
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final List<Thread> acceptors = new ArrayList<>();
    private InetAddress ipv4;
    private InetAddress ipv6;
    private int port;
    private String ipUri;
    private String localhostUri;
    private Connector connector;
    private Connector tcp;

    @Setup(Level.Trial)
    public void start() throws IOException {
        ipv4 = InetAddress.ofLiteral("127.0.0.1");
        ipv6 = InetAddress.ofLiteral("::1");
        for (int tries = 0; listeners.isEmpty(); tries++) {
            ServerSocket v4 = new ServerSocket(0, 4096, ipv4);
            try {
                ServerSocket v6 = new ServerSocket(v4.getLocalPort(), 4096, ipv6);
                listeners.add(v4);
                listeners.add(v6);
            } catch (IOException taken) {
                v4.close();
                if (tries == 10) {
                    throw taken;
                }
            }
        }
        port = listeners.get(0).getLocalPort();
        ipUri = "tcp://127.0.0.1:" + port;
        localhostUri = "tcp://localhost:" + port;
        connector = Connector.create();
        tcp = Connector.tcp();
        for (ServerSocket listener : listeners) {
            acceptors.add(Thread.ofVirtual().start(() -> {
                while (true) {
                    try {
                        listener.accept().close();
                    } catch (IOException e) {
                        return;
                    }
                }
            }));
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        for (ServerSocket listener : listeners) {
            listener.close();
        }
        for (Thread acceptor : acceptors) {
            acceptor.join();
        }
    }

    @Benchmark
    public void rawSocket() throws IOException {
        try (Socket socket = new Socket(ipv4, port)) {
            socket.setTcpNoDelay(true);
        }
    }

    /** A raw connect to {@code ::1}, where {@code localhost} lands: what the kernel's IPv6 loopback costs. */
    @Benchmark
    public void rawSocketIpv6() throws IOException {
        try (Socket socket = new Socket(ipv6, port)) {
            socket.setTcpNoDelay(true);
        }
    }

    @Benchmark
    public void shuttleIp() throws IOException {
        try (Connection ignored = connector.connect(ipUri)) {
            // connect and close
        }
    }

    @Benchmark
    public void shuttleLocalhost() throws IOException {
        try (Connection ignored = connector.connect(localhostUri)) {
            // connect and close
        }
    }

    @Benchmark
    public void shuttleTcpConnectorIp() throws IOException {
        try (Connection ignored = tcp.connect(ipUri)) {
            // connect and close
        }
    }
}
