package dev.shuttle.transport;

import dev.shuttle.Connector;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.Serving;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;

/**
 * What the server scenarios written once and run over each transport share: the transport (where
 * to listen, the server's options, the connector), the servers and connections to close after
 * each test, newest first, and a latch released before them, so that a handler waiting for the
 * end of the test returns.
 */
@NetworkTest
abstract class ServerScenarios {
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
    /** Released at the end of every test, before anything is closed. */
    final CountDownLatch release = new CountDownLatch(1);

    /** {@return where to listen, with a free port or a fresh path} */
    abstract String listenUri() throws IOException;

    /** {@return the server's options for this transport (TLS for a TLS transport)} */
    abstract ServerOptions.Builder serverOptions();

    /** {@return the connector for this transport} */
    abstract Connector connector();

    @AfterEach
    void closeEverything() throws Exception {
        release.countDown();
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    /** {@return the closeable, closed after the test} */
    <T extends AutoCloseable> T closeAfter(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    /**
     * Listens on this transport with the options, closed after the test.
     *
     * @param options the options, built from {@link #serverOptions()}
     */
    Server listen(ServerOptions options) throws IOException {
        return closeAfter(Server.listen(listenUri(), options));
    }

    /** Serves on a thread of its own until the end of the test, which waits for serve to return. */
    Serving serve(Server server, Serving.Call call) {
        return closeAfter(Serving.start(server, call));
    }
}
