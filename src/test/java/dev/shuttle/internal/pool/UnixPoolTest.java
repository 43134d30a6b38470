package dev.shuttle.internal.pool;

import dev.shuttle.Connector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The pool scenarios over Unix domain sockets. */
class UnixPoolTest extends PoolScenarios {
    private Path directory;

    @BeforeEach
    void createDirectory() throws IOException {
        directory = Files.createTempDirectory("shuttle-pool");
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
    protected String listenUri() {
        return "unix://" + directory.resolve("server.sock");
    }

    @Override
    protected Connector connector() {
        return Connector.unix();
    }
}
