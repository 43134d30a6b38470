package dev.shuttle.it.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.ConnectListener;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Endpoint;
import dev.shuttle.Resolver;
import dev.shuttle.ResolverOptions;
import dev.shuttle.it.dns.Dnsmasq;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.SilentPort;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default connector end to end: a name served by a real DNS server, resolving to {@code ::1}
 * (silent: its accept queue is full) and {@code 127.0.0.1} (serving).
 */
@NetworkTest
class HappyEyeballsIT {
    private static Dnsmasq dnsmasq;

    @BeforeAll
    static void startDnsmasq() throws Exception {
        dnsmasq = Dnsmasq.start(60, "dual.test,127.0.0.1,::1", "v6only.test,::1");
    }

    @AfterAll
    static void stopDnsmasq() throws Exception {
        dnsmasq.close();
    }

    private static Connector connector(ConnectListener listener) {
        Resolver resolver = Resolver.dns(ResolverOptions.builder()
                .nameservers(List.of(dnsmasq.nameserver()))
                .useHostsFile(false)
                .searchDomains(List.of())
                .build());
        return Connector.create(ConnectorOptions.builder().resolver(resolver).listener(listener).build());
    }

    @Test
    void aNameWhoseIpv6AddressIsSilentIsReachedOverIpv4InAboutOneAttemptDelay() throws Exception {
        SilentPort silent = null;
        ServerSocket ipv4 = null;
        for (int tries = 0; ipv4 == null; tries++) {
            silent = SilentPort.on(InetAddress.ofLiteral("::1"));
            try {
                ipv4 = new ServerSocket(silent.address().getPort(), 50, InetAddress.ofLiteral("127.0.0.1"));
            } catch (BindException taken) {
                silent.close();
                if (tries == 10) {
                    throw taken;
                }
            }
        }
        ServerSocket listener = ipv4;
        try (SilentPort silentIpv6 = silent; listener) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    listener.accept().close();
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            List<String> attempts = new CopyOnWriteArrayList<>();
            ConnectListener trace = new ConnectListener() {
                @Override
                public void attemptStarted(Endpoint endpoint, InetSocketAddress address) {
                    attempts.add(address.getAddress().getHostAddress());
                }
            };
            long start = System.nanoTime();
            try (Connection connection = connector(trace).connect("tcp://dual.test:" + listener.getLocalPort())) {
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals("tcp://127.0.0.1:" + listener.getLocalPort(), connection.remoteAddress().toString());
                assertEquals(List.of("0:0:0:0:0:0:0:1", "127.0.0.1"), attempts, "IPv6 first, then IPv4");
                assertTrue(millis >= 240 && millis < 5_000, "connected after " + millis + " ms");
            }
            acceptor.join(Duration.ofSeconds(5));
        }
    }

    @Test
    void aNameWithNoAddressIsAnUnknownHostException() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.net.UnknownHostException.class,
                () -> connector(ConnectListener.NONE).connect("tcp://missing.test:80"));
        assertTrue(e.getMessage().startsWith("Connection to tcp://missing.test:80 failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("no such name"), e.getMessage());
    }
}
