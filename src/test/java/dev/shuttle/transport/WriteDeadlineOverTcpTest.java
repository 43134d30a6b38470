package dev.shuttle.transport;

import dev.shuttle.Connector;
import dev.shuttle.ServerOptions;

/** The write deadline over plain TCP on 127.0.0.1. */
class WriteDeadlineOverTcpTest extends WriteDeadlineScenarios {
    @Override
    String listenUri() {
        return "tcp://127.0.0.1:0";
    }

    @Override
    ServerOptions.Builder serverOptions() {
        return ServerOptions.builder();
    }

    @Override
    Connector connector() {
        return Connector.tcp();
    }
}
