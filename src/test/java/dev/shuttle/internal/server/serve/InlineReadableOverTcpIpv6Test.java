package dev.shuttle.internal.server.serve;

import dev.shuttle.Connector;

/** The inline-call scenarios of {@code serveWhenReadable} over 1]. */
class InlineReadableOverTcpIpv6Test extends InlineReadableScenarios {
    @Override
    String listenUri() {
        return "tcp://[::1]:0";
    }

    @Override
    Connector connector() {
        return Connector.tcp();
    }
}
