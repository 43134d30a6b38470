package dev.shuttle.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.Connection;
import dev.shuttle.pool.ConnectionPool;
import dev.shuttle.Connector;
import dev.shuttle.Connectors;
import dev.shuttle.Endpoint;
import dev.shuttle.pool.PoolOptions;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.PeerServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A proxy connector stacks with the rest: selective routing, retries, timeouts, a pool. */
@NetworkTest
class ProxyStackingTest {

    @Test
    void selectiveRulesSendSomeHostsThroughTheProxyAndTheRestDirect() throws Exception {
        try (PeerServer target = PeerServer.start("tcp://127.0.0.1:0", PeerServer.numberedEcho());
                RelayProxy proxy = RelayProxy.socks(Endpoint.parse(target.uri()).port())) {
            Connector viaProxy = ProxyConnectors.through("socks5://127.0.0.1:" + proxy.port(), Connector.tcp());
            Connector connector = Connectors.selective()
                    .route("*.test", viaProxy.withTries(2).withTimeout(Duration.ofSeconds(10)))
                    .route("*", Connector.create())
                    .build();
            try (Connection proxied = connector.connect("tcp://app.test:80")) {
                assertEquals("1:a", PeerServer.ask(proxied, "a"));
            }
            try (Connection direct = connector.connect(target.uri())) {
                assertEquals("2:b", PeerServer.ask(direct, "b"));
            }
            assertEquals(List.of("app.test:80"), proxy.asked);
        }
    }

    @Test
    void aPoolKeepsTunnelsForReuse() throws Exception {
        try (PeerServer target = PeerServer.start("tcp://127.0.0.1:0", PeerServer.numberedEcho());
                RelayProxy proxy = RelayProxy.socks(Endpoint.parse(target.uri()).port());
                ConnectionPool pool = ConnectionPool.create(
                        ProxyConnectors.through("socks5://127.0.0.1:" + proxy.port(), Connector.tcp()), PoolOptions.defaults())) {
            try (Connection first = pool.connect("tcp://app.test:6379")) {
                assertEquals("1:x", PeerServer.ask(first, "x"));
            }
            try (Connection again = pool.connect("tcp://app.test:6379")) {
                assertEquals("1:y", PeerServer.ask(again, "y"), "the same tunnel, the same target connection");
            }
            assertEquals(List.of("app.test:6379"), proxy.asked);
        }
    }
}
