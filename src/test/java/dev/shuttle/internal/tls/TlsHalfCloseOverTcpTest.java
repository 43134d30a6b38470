package dev.shuttle.internal.tls;

/** TLS 1.3 half-close over TCP. */
class TlsHalfCloseOverTcpTest extends TlsHalfCloseScenarios {
    @Override
    String listenUri() {
        return "tcp://127.0.0.1:0";
    }

    @Override
    String connectUri(EchoServer server) {
        return "tls://127.0.0.1:" + server.address().port();
    }
}
