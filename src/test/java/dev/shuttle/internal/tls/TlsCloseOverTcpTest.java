package dev.shuttle.internal.tls;

/** The TLS close scenarios over TCP: BouncyCastle's {@code SSLSocket} on both sides. */
class TlsCloseOverTcpTest extends TlsCloseScenarios {
    @Override
    String listenUri() {
        return "tcp://127.0.0.1:0";
    }

    @Override
    String connectUri(EchoServer server) {
        return "tls://127.0.0.1:" + server.address().port();
    }
}
