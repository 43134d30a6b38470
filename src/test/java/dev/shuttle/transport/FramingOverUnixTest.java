package dev.shuttle.transport;

import dev.shuttle.Connector;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The framing scenarios over a Unix domain socket. */
class FramingOverUnixTest extends FramingScenarios {
    /** A fresh folder per test for the socket files; JUnit deletes it afterwards. */
    @TempDir
    Path directory;
    private int servers;

    @Override
    String listenUri() {
        return "unix://" + directory.resolve("server-" + servers++ + ".sock");
    }

    @Override
    Connector connector() {
        return Connector.unix();
    }
}
