package dev.shuttle;

import dev.shuttle.pool.ConnectionPool;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.internal.tls.TestCertificates;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read or write interrupted on a virtual thread closes the connection (the JDK does) and fails
 * with an {@link InterruptedIOException} naming the peer, whatever the transport and whether the
 * connection came from a pool, instead of a {@code ClosedByInterruptException} with no message.
 */
@NetworkTest
class InterruptedIoTest {
    private static final TestCertificates PKI = TestCertificates.ec();

    @TempDir
    Path directory;

    private void assertInterruptedReadIsNamed(String listenUri, ServerOptions options, Connector connector) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Server server = Server.listen(listenUri, options.toBuilder().errorHandler(e -> {}).build())) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> Bounded.await(release));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try (ConnectionPool pool = ConnectionPool.create(connector)) {
                for (boolean pooled : new boolean[] {false, true}) {
                    Connection connection = pooled ? pool.connect(server.address().toString())
                            : connector.connect(server.address().toString());
                    AtomicReference<Throwable> failure = new AtomicReference<>();
                    Thread reader = Thread.ofVirtual().start(() -> {
                        try {
                            connection.input().read();
                        } catch (Throwable e) {
                            failure.set(e);
                        }
                    });
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                            .until(() -> reader.getState() == Thread.State.WAITING || reader.getState() == Thread.State.TIMED_WAITING);
                    reader.interrupt();
                    assertTrue(reader.join(Duration.ofSeconds(10)), "the read did not end");
                    String what = (pooled ? "pooled " : "") + listenUri;
                    InterruptedIOException interrupted = assertInstanceOf(InterruptedIOException.class, failure.get(),
                            () -> what + ": " + failure.get());
                    assertEquals("Read from " + connection.remoteAddress() + " was interrupted; the connection is closed",
                            interrupted.getMessage(), what);
                    assertFalse(connection.isOpen(), what);
                    connection.close();
                }
                Connection writing = connector.connect(server.address().toString());
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread writer = Thread.ofVirtual().start(() -> {
                    try {
                        while (true) {
                            writing.output().write(new byte[64 * 1024]); // the server never reads
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> writer.getState() == Thread.State.WAITING || writer.getState() == Thread.State.TIMED_WAITING);
                writer.interrupt();
                assertTrue(writer.join(Duration.ofSeconds(10)), "the write did not end");
                InterruptedIOException interrupted = assertInstanceOf(InterruptedIOException.class, failure.get());
                assertEquals("Write to " + writing.remoteAddress() + " was interrupted; the connection is closed", interrupted.getMessage());
                writing.close();
            } finally {
                release.countDown();
                server.close();
                assertTrue(serving.join(Duration.ofSeconds(10)));
            }
        }
    }

    @Test
    void overTcp() throws Exception {
        assertInterruptedReadIsNamed("tcp://127.0.0.1:0", ServerOptions.defaults(), Connector.tcp());
    }

    @Test
    void overUnix() throws Exception {
        assertInterruptedReadIsNamed("unix://" + directory.resolve("s.sock"), ServerOptions.defaults(), Connector.unix());
    }

    @Test
    void overTls() throws Exception {
        assertInterruptedReadIsNamed("tls://127.0.0.1:0",
                ServerOptions.builder().tls(TlsServerOptions.builder().certificate(PKI.server()).build()).build(),
                Connector.tls(TlsOptions.builder().trustStore(PKI.caStore()).serverName("localhost").build()));
    }
}
