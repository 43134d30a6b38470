package dev.shuttle.transport;

import dev.shuttle.Connector;

/** The transport scenarios over TCP on 127.0.0.1. */
class TcpIpv4Test extends ReadableServingScenarios {
    @Override
    String listenUri() {
        return "tcp://127.0.0.1:0";
    }

    @Override
    Connector connector() {
        return Connector.tcp();
    }

    @Override
    String scheme() {
        return "tcp";
    }
}
