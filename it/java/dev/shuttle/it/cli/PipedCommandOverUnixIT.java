package dev.shuttle.it.cli;

import dev.shuttle.Server;
import java.nio.file.Path;
import java.util.List;

/** {@code shuttle connect unix:///...} with piped input. */
class PipedCommandOverUnixIT extends PipedCommandScenarios {
    @Override
    Server listen(Path dir) throws Exception {
        return Server.listen("unix://" + dir.resolve("echo.sock"));
    }

    @Override
    List<String> connectOptions(Path dir) {
        return List.of();
    }
}
