package dev.shuttle.transport;

import dev.shuttle.Connector;
import dev.shuttle.ServerOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The idle timeout over a Unix domain socket. */
class IdleTimeoutOverUnixTest extends IdleTimeoutScenarios {
    @TempDir
    Path directory;

    @Override
    String listenUri() {
        return "unix://" + directory.resolve("server.sock");
    }

    @Override
    ServerOptions.Builder serverOptions() {
        return ServerOptions.builder();
    }

    @Override
    Connector connector() {
        return Connector.unix();
    }
}
