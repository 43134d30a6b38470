package dev.shuttle.internal.server.serve;

import dev.shuttle.Connector;

/** The inline-call scenarios of {@code serveWhenReadable} over TCP on 127.0.0.1. */
class InlineReadableOverTcpIpv4Test extends InlineReadableScenarios {
    @Override
    String listenUri() {
        return "tcp://127.0.0.1:0";
    }

    @Override
    Connector connector() {
        return Connector.tcp();
    }
}
