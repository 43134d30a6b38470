package dev.shuttle.internal.tls;

import dev.shuttle.Connector;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.pool.PoolScenarios;

/**
 * The pool scenarios over TLS over TCP: the idle check looks at the TCP socket under the SSL
 * socket and at the bytes already decrypted.
 */
class TlsPoolTest extends PoolScenarios {
    private static final TestCertificates PKI = TestCertificates.ec();

    static {
        TlsWarmUp.once();
    }

    @Override
    protected String listenUri() {
        return "tls://127.0.0.1:0";
    }

    @Override
    protected Connector connector() {
        try {
            return Connector.tls(TlsOptions.builder().trustStore(PKI.caStore()).serverName("localhost").build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected ServerOptions serverOptions() {
        return ServerOptions.builder().tls(TlsServerOptions.builder().certificate(PKI.server()).build()).build();
    }
}
