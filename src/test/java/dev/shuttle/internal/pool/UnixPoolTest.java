package dev.shuttle.internal.pool;

import dev.shuttle.Connector;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The pool scenarios over Unix domain sockets. */
class UnixPoolTest extends PoolScenarios {
    /** A fresh folder per test for the socket files; JUnit deletes it afterwards. */
    @TempDir
    Path directory;

    @Override
    protected String listenUri() {
        return "unix://" + directory.resolve("server.sock");
    }

    @Override
    protected Connector connector() {
        return Connector.unix();
    }
}
