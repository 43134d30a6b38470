package dev.shuttle.transport;

import dev.shuttle.Connector;
import dev.shuttle.ServerOptions;

/** The idle timeout over TCP. */
class IdleTimeoutOverTcpTest extends IdleTimeoutScenarios {
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
