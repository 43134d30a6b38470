package dev.shuttle.internal.tls;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool scenarios over TLS over a Unix socket: the idle check looks at the engine's decrypted
 * bytes and at the Unix channel underneath.
 */
class TlsOverUnixPoolTest extends TlsPoolTest {
    @TempDir
    Path directory;

    @Override
    protected String listenUri() {
        return "unix://" + directory.resolve("server.sock");
    }
}
