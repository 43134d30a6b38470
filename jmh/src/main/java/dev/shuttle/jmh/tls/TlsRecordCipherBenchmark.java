package dev.shuttle.jmh.tls;

import dev.shuttle.Connection;
import java.io.InputStream;
import java.io.OutputStream;
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
 * Shuttle's AES-GCM record code ({@code AesGcmRecordCipher}) against BouncyCastle's own (its
 * {@code TlsAEADCipher} on the same JDK {@code AES/GCM/NoPadding}): the same Shuttle {@code tls://}
 * client and server over loopback, EC certificate, TLS 1.3 {@code TLS_AES_128_GCM_SHA256}, in forks
 * that differ only in {@code -Dshuttle.tls.bouncyCastleRecords=true} (read when Shuttle's
 * BouncyCastle class loads; both ends of the connection switch together).
 *
 * <p>Each operation moves 1 MiB in 16 KiB writes, one TLS record each, so operations per second =
 * MiB/s. Upload: the client writes, the server reads to the last byte and answers one byte.
 * Download: the client asks with one byte, the server writes, the client reads to the last byte.
 *
 * <pre>java --enable-preview -jar jmh/target/benchmarks.jar TlsRecordCipherBenchmark -f 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
public class TlsRecordCipherBenchmark {
    private static final int MIB = 1 << 20;
    private static final int WRITE = 16 * 1024;
    private static final String ARGS_1 = "--enable-preview";
    private static final String ARGS_2 = "-Djdk.tls.server.newSessionTicketCount=0";

    private TlsPair pair;
    private Connection upload;
    private Connection download;
    private final byte[] data = new byte[WRITE];
    private final byte[] sink = new byte[64 * 1024];

    @Setup(Level.Trial)
    public void start() throws Exception {
        pair = TlsPair.create("shuttle", "EC", served -> {
            InputStream in = served.input();
            OutputStream out = served.output();
            int first = in.read();
            if (first == 'U') {
                byte[] buffer = new byte[64 * 1024];
                long received = 0;
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received += n;
                    if (received >= MIB) {
                        received -= MIB;
                        out.write(1);
                    }
                }
            } else if (first == 'D') {
                byte[] chunk = new byte[WRITE];
                while (in.read() >= 0) {
                    for (int sent = 0; sent < MIB; sent += WRITE) {
                        out.write(chunk);
                    }
                }
            }
        });
        upload = pair.connect();
        TlsPair.requireTls13Aes128Gcm(upload);
        upload.output().write('U');
        download = pair.connect();
        TlsPair.requireTls13Aes128Gcm(download);
        download.output().write('D');
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        upload.close();
        download.close();
        pair.close();
    }

    private int upload() throws Exception {
        OutputStream out = upload.output();
        for (int sent = 0; sent < MIB; sent += WRITE) {
            out.write(data);
        }
        return upload.input().read();
    }

    private int download() throws Exception {
        download.output().write(1);
        InputStream in = download.input();
        int received = 0;
        while (received < MIB) {
            int n = in.read(sink, 0, Math.min(sink.length, MIB - received));
            if (n < 0) {
                throw new IllegalStateException("the server closed after " + received + " bytes");
            }
            received += n;
        }
        return received;
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {ARGS_1, ARGS_2})
    public int uploadShuttleRecords() throws Exception {
        return upload();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {ARGS_1, ARGS_2, "-Dshuttle.tls.bouncyCastleRecords=true"})
    public int uploadBouncyCastleRecords() throws Exception {
        return upload();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {ARGS_1, ARGS_2})
    public int downloadShuttleRecords() throws Exception {
        return download();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {ARGS_1, ARGS_2, "-Dshuttle.tls.bouncyCastleRecords=true"})
    public int downloadBouncyCastleRecords() throws Exception {
        return download();
    }
}
