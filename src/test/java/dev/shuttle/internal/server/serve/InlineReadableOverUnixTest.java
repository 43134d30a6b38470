package dev.shuttle.internal.server.serve;

import dev.shuttle.Connector;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The inline-call scenarios of {@code serveWhenReadable} over a Unix domain socket. */
class InlineReadableOverUnixTest extends InlineReadableScenarios {
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
}
