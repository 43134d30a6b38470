package dev.shuttle.jmh.tls;

import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.dropin.ShuttleSslSocketFactory;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full TLS handshakes per second through an {@link SSLSocketFactory}, the way a library that takes
 * one uses it: {@code createSocket(host, port)}, {@code startHandshake()}, one byte there and back,
 * close. Shuttle's drop-in factory ({@code dropin}) against the JDK's own SunJSSE factory
 * ({@code sunjsse}), both verifying the certificate and the IP address, neither resuming, both
 * talking to the same kind of server (Shuttle's, EC P-256, TLS 1.3): only the client differs.
 *
 * <p>Each fork runs handshakes for {@value #WARM_UP_SECONDS} seconds before JMH's iterations
 * (property {@code shuttle.bench.tlsWarmUpSeconds}), so that the JIT has compiled both clients'
 * handshake code (see {@code TlsHandshakeBenchmark}).
 *
 * <pre>mvn -B -q -f jmh/pom.xml verify -Dbench=jmh -Djmh.args="-f 1 -wi 3 -i 5 DropInHandshakeBenchmark"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview", "-Djdk.tls.server.newSessionTicketCount=0"})
public class DropInHandshakeBenchmark {
    @Param({"dropin", "sunjsse"})
    public String factory;

    /** Seconds of handshakes before JMH's own warm-up iterations. */
    static final long WARM_UP_SECONDS = 10;

    private Server server;
    private Thread serving;
    private SSLSocketFactory sockets;
    private boolean jdk;

    @Setup(Level.Trial)
    public void start() throws Exception {
        TlsCertificate certificate = BenchmarkCertificates.selfSigned("EC");
        server = Server.listen("tls://127.0.0.1:0", ServerOptions.builder().errorHandler(error -> { })
                .tls(TlsServerOptions.builder().certificate(certificate).build()).build());
        serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve(connection -> {
                    int b = connection.input().read();
                    if (b >= 0) {
                        connection.output().write(b);
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        jdk = factory.equals("sunjsse");
        if (jdk) {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(BenchmarkCertificates.trustStore(certificate));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            sockets = context.getSocketFactory();
        } else {
            sockets = ShuttleSslSocketFactory.create(TlsOptions.builder()
                    .trustStore(BenchmarkCertificates.trustStore(certificate)).sessionResumption(false).build());
        }
        try (SSLSocket socket = open()) {
            socket.startHandshake();
            if (!socket.getSession().getProtocol().equals("TLSv1.3")) {
                throw new IllegalStateException("Negotiated " + socket.getSession().getProtocol() + ", not TLSv1.3");
            }
        }
        long seconds = Long.getLong("shuttle.bench.tlsWarmUpSeconds", WARM_UP_SECONDS);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            handshake();
        }
    }

    private SSLSocket open() throws IOException {
        SSLSocket socket = (SSLSocket) sockets.createSocket("127.0.0.1", server.address().port());
        socket.setTcpNoDelay(true);
        if (jdk) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
        }
        return socket;
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        server.close();
        serving.join();
    }

    @Benchmark
    public int handshake() throws Exception {
        try (SSLSocket socket = open()) {
            socket.startHandshake();
            if (jdk) {
                socket.getSession().invalidate();
            }
            socket.getOutputStream().write(42);
            return socket.getInputStream().read();
        }
    }
}
