package dev.shuttle.it.cli;

import dev.shuttle.Server;
import java.nio.file.Path;
import java.util.List;

/** {@code shuttle connect tcp://...} with piped input. */
class PipedCommandOverTcpIT extends PipedCommandScenarios {
    @Override
    Server listen(Path dir) throws Exception {
        return Server.listen("tcp://127.0.0.1:0");
    }

    @Override
    List<String> connectOptions(Path dir) {
        return List.of();
    }
}
