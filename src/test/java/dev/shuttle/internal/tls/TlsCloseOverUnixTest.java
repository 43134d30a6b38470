package dev.shuttle.internal.tls;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The TLS close scenarios over a Unix socket: Shuttle's {@code SSLEngine} loop on both sides. */
class TlsCloseOverUnixTest extends TlsCloseScenarios {
    @TempDir
    Path directory;

    @Override
    String listenUri() {
        return "unix://" + directory.resolve("server.sock");
    }

    @Override
    String connectUri(EchoServer server) {
        return server.uri();
    }
}
