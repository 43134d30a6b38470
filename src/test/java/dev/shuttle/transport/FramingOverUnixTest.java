package dev.shuttle.transport;

import dev.shuttle.Connector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The framing scenarios over a Unix domain socket. */
class FramingOverUnixTest extends FramingScenarios {
    private Path directory;
    private int servers;

    @BeforeEach
    void createDirectory() throws IOException {
        directory = Files.createTempDirectory("shuttle-frames");
    }

    @AfterEach
    void deleteDirectory() throws IOException {
        try (var files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    @Override
    String listenUri() {
        return "unix://" + directory.resolve("server-" + servers++ + ".sock");
    }

    @Override
    Connector connector() {
        return Connector.unix();
    }
}
