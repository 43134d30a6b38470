package dev.shuttle.internal.tls;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** TLS 1.3 half-close over a Unix socket. */
class TlsHalfCloseOverUnixTest extends TlsHalfCloseScenarios {
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
