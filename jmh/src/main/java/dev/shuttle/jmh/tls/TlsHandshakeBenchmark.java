package dev.shuttle.jmh.tls;

import dev.shuttle.Connection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Full TLS handshakes per second over loopback: TCP connect, handshake (certificate and IP name
 * verified, no resumption), one byte there and back, close. Shuttle (BouncyCastle JSSE) against
 * the JDK's SunJSSE, each client talking to its own kind of server, RSA and EC certificates.
 *
 * <pre>java -jar jmh/target/benchmarks.jar TlsHandshakeBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview"})
public class TlsHandshakeBenchmark {
    @Param({"shuttle", "sunjsse"})
    public String implementation;

    @Param({"EC", "RSA"})
    public String keyType;

    private TlsPair pair;

    @Setup(Level.Trial)
    public void start() throws Exception {
        pair = TlsPair.create(implementation, keyType, connection -> {
            int b = connection.input().read();
            if (b >= 0) {
                connection.output().write(b);
            }
        });
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        pair.close();
    }

    @Benchmark
    public int handshake() throws Exception {
        try (Connection connection = pair.connect()) {
            connection.output().write(42);
            return connection.input().read();
        }
    }
}
