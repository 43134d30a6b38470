package dev.shuttle.transport;

import dev.shuttle.Connector;

/** The transport scenarios over TCP on [::1]. */
class TcpIpv6Test extends ReadableServingScenarios {
    @Override
    String listenUri() {
        return "tcp://[::1]:0";
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
