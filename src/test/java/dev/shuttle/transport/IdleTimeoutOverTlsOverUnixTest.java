package dev.shuttle.transport;

import dev.shuttle.Connector;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.tls.TestCertificates;

/** The idle timeout over TLS over a Unix socket ({@code EngineConnection}). */
class IdleTimeoutOverTlsOverUnixTest extends IdleTimeoutScenarios {
    private static final TestCertificates PKI = TestCertificates.ec();

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path directory;

    @Override
    String listenUri() {
        return "unix://" + directory.resolve("server.sock");
    }

    @Override
    ServerOptions.Builder serverOptions() {
        return ServerOptions.builder().tls(TlsServerOptions.builder().certificate(PKI.server()).build());
    }

    @Override
    Connector connector() {
        try {
            return Connector.tls(TlsOptions.builder().trustStore(PKI.caStore()).serverName("localhost").build());
        } catch (java.security.GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
