package dev.shuttle.jmh;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Loopback connect and close: a raw {@code new Socket(ip, port)} against Shuttle's TCP connector
 * with an IP URI, each on a virtual thread (the way Shuttle is meant to be called) and on the
 * benchmark's own platform thread (where Shuttle hands the connect to a virtual thread so that an
 * interrupt can abort it). A virtual thread accepts and closes on the server side.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConnectBenchmark {
    private ServerSocket server;
    private Thread acceptor;
    private String uri;
    private Connector connector;

    @Setup(Level.Trial)
    public void start() throws IOException {
        server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        uri = "tcp://127.0.0.1:" + server.getLocalPort();
        connector = Connector.tcp();
        acceptor = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    server.accept().close();
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        server.close();
        acceptor.join();
    }

    @Benchmark
    public void rawSocketOnVirtualThread() throws Exception {
        onVirtualThread(this::rawSocket);
    }

    @Benchmark
    public void shuttleOnVirtualThread() throws Exception {
        onVirtualThread(this::shuttle);
    }

    @Benchmark
    public void rawSocketOnPlatformThread() throws IOException {
        rawSocket();
    }

    @Benchmark
    public void shuttleOnPlatformThread() throws IOException {
        shuttle();
    }

    private void rawSocket() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            socket.setTcpNoDelay(true);
        }
    }

    private void shuttle() throws IOException {
        try (Connection ignored = connector.connect(uri)) {
            // connect and close
        }
    }

    private interface IoTask {
        void run() throws IOException;
    }

    private static void onVirtualThread(IoTask task) throws Exception {
        IOException[] failure = new IOException[1];
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                task.run();
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        thread.join();
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
