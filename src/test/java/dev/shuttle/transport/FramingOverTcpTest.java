package dev.shuttle.transport;

import dev.shuttle.Connector;

/** The framing scenarios over TCP on 127.0.0.1. */
class FramingOverTcpTest extends FramingScenarios {
    @Override
    String listenUri() {
        return "tcp://127.0.0.1:0";
    }

    @Override
    Connector connector() {
        return Connector.tcp();
    }
}
