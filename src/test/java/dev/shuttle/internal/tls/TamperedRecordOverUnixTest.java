package dev.shuttle.internal.tls;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.tls.TlsOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** A tampered record over a Unix socket: Shuttle's {@code SSLEngine} loop on both sides. */
class TamperedRecordOverUnixTest extends TamperedRecordScenarios {
    @TempDir
    Path directory;

    @Override
    String listenUri() {
        return "unix://" + directory.resolve("server.sock");
    }

    @Override
    Connection connect(EchoServer server, TlsOptions options) throws Exception {
        return Connector.tls(options).connect(server.uri());
    }
}
