package dev.shuttle.it.cli;

import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.tls.TestCertificates;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code shuttle connect --cafile ca.pem tls://...} with piped input: end of input is TLS
 * {@code close_notify} followed by reading on, so the reply sent after it still arrives.
 */
class PipedCommandOverTlsIT extends PipedCommandScenarios {
    private final TestCertificates pki = TestCertificates.ec();

    @Override
    Server listen(Path dir) throws Exception {
        return Server.listen("tls://127.0.0.1:0", ServerOptions.builder()
                .tls(TlsServerOptions.builder().certificate(pki.server()).build())
                .build());
    }

    @Override
    List<String> connectOptions(Path dir) throws Exception {
        return List.of("--cafile", TestCertificates.writePem(dir.resolve("ca.pem"), pki.ca()).toString());
    }
}
