package dev.shuttle.jmh.tls;

import dev.shuttle.Connection;
import java.io.InputStream;
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
 * Bulk transfer over one TLS connection on loopback: each operation sends 1 MiB, which the server
 * reads to the last byte before it answers with one byte. Operations per second = MiB/s. Shuttle
 * (BouncyCastle JSSE with the JDK's AES-GCM) against the JDK's SunJSSE, RSA and EC certificates.
 *
 * <pre>java -jar jmh/target/benchmarks.jar TlsBulkBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview"})
public class TlsBulkBenchmark {
    private static final int CHUNK = 1 << 20;

    @Param({"shuttle", "sunjsse"})
    public String implementation;

    @Param({"EC", "RSA"})
    public String keyType;

    private TlsPair pair;
    private Connection connection;
    private final byte[] data = new byte[CHUNK];

    @Setup(Level.Trial)
    public void start() throws Exception {
        pair = TlsPair.create(implementation, keyType, served -> {
            InputStream in = served.input();
            byte[] buffer = new byte[64 * 1024];
            long received = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received += n;
                if (received >= CHUNK) {
                    received -= CHUNK;
                    served.output().write(1);
                }
            }
        });
        connection = pair.connect();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        connection.close();
        pair.close();
    }

    @Benchmark
    public int mebibyte() throws Exception {
        connection.output().write(data);
        return connection.input().read();
    }
}
