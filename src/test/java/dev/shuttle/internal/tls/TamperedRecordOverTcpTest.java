package dev.shuttle.internal.tls;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.tls.TlsOptions;

/** A tampered record over TCP: Shuttle's engine loop on both sides, as on every TLS path. */
class TamperedRecordOverTcpTest extends TamperedRecordScenarios {
    @Override
    String listenUri() {
        return "tcp://127.0.0.1:0";
    }

    @Override
    Connection connect(EchoServer server, TlsOptions options) throws Exception {
        return Connector.tls(options).connect("tls://127.0.0.1:" + server.address().port());
    }
}
