package dev.shuttle.internal.server.serve;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.internal.server.listen.Listener;
import dev.shuttle.internal.server.listen.TcpListener;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Accept errors never kill a server: they go to the error handler and accepting goes on. */
@NetworkTest
class AcceptErrorsTest {

    /** A listener whose first accepts fail, as EMFILE or a reset would make them. */
    private static final class FailingListener implements Listener {
        private final Listener real;
        private final AtomicInteger failuresLeft;

        FailingListener(Listener real, int failures) {
            this.real = real;
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public Connection accept() throws IOException {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new SocketException("Too many open files");
            }
            return real.accept();
        }

        @Override
        public Endpoint address() {
            return real.address();
        }

        @Override
        public boolean isOpen() {
            return real.isOpen();
        }

        @Override
        public void close() {
            real.close();
        }
    }

    @Test
    void acceptErrorsGoToTheErrorHandlerAndTheServerKeepsServing() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        ServerOptions options = ServerOptions.builder().errorHandler(errors::add).build();
        Listener real = TcpListener.bind(Endpoint.parseListening("tcp://127.0.0.1:0"),
                new InetSocketAddress("127.0.0.1", 0), options);
        try (Server server = new AcceptLoopServer(new FailingListener(real, 3), options)) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> connection.input().transferTo(connection.output()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try (Connection client = Connector.tcp().connect(server.address().toString())) {
                client.output().write("after errors".getBytes(StandardCharsets.UTF_8));
                client.shutdownOutput();
                assertEquals("after errors", new String(client.input().readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals(3, errors.size());
            SocketException first = assertInstanceOf(SocketException.class, errors.getFirst());
            assertEquals("Accepting a connection on " + server.address() + " failed: Too many open files", first.getMessage());
            server.close();
            assertTrue(serving.join(Duration.ofSeconds(5)));
        }
    }

    @Test
    void aClientThatResetsBeforeItIsAcceptedDoesNotStopTheServer() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (Server server = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder().errorHandler(errors::add).build())) {
            server.pause();
            InetSocketAddress address = (InetSocketAddress) server.address().socketAddress();
            Socket resetting = new Socket(address.getAddress(), address.getPort());
            resetting.setSoLinger(true, 0);
            resetting.close();
            AtomicInteger handled = new AtomicInteger();
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> {
                        handled.incrementAndGet();
                        connection.input().transferTo(connection.output());
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.resume();
            try (Connection client = Connector.tcp().connect(server.address().toString())) {
                client.output().write(1);
                assertEquals(1, client.input().read());
            }
            await().until(() -> handled.get() >= 1);
            server.close();
            assertTrue(serving.join(Duration.ofSeconds(5)));
        }
    }
}
