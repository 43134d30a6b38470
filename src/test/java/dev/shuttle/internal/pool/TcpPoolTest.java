package dev.shuttle.internal.pool;

import dev.shuttle.Connector;

/** The pool scenarios over TCP on IPv4 loopback. */
class TcpPoolTest extends PoolScenarios {
    @Override
    protected String listenUri() {
        return "tcp://127.0.0.1:0";
    }

    @Override
    protected Connector connector() {
        return Connector.tcp();
    }
}
