package dev.shuttle.transport;

import dev.shuttle.Connector;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The transport scenarios over a Unix domain socket. */
class UnixTest extends ReadableServingScenarios {
    /** A fresh folder per test for the socket files; JUnit deletes it afterwards. */
    @TempDir
    Path directory;

    @Override
    String listenUri() {
        return "unix://" + directory.resolve("server.sock");
    }

    @Override
    Connector connector() {
        return Connector.unix();
    }

    @Override
    String scheme() {
        return "unix";
    }
}
