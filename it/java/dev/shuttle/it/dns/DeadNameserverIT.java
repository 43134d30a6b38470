package dev.shuttle.it.dns;

import static java.net.StandardProtocolFamily.INET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Resolver;
import dev.shuttle.ResolverOptions;
import dev.shuttle.testing.NetworkTest;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A nameserver that never answers: a bound UDP socket on loopback nobody reads. The lookup
 * timeout holds although dnsjava only checks its own timeouts about once a second.
 */
@NetworkTest
class DeadNameserverIT {
    private static DatagramSocket silent;
    private static Dnsmasq dnsmasq;

    @BeforeAll
    static void open() throws Exception {
        silent = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        dnsmasq = Dnsmasq.start(60, "alive.test,192.0.2.10");
    }

    @AfterAll
    static void close() throws Exception {
        silent.close();
        dnsmasq.close();
    }

    private static String silentServer() {
        return "127.0.0.1:" + silent.getLocalPort();
    }

    private static Resolver resolver(Duration timeout, String... nameservers) {
        return Resolver.dns(ResolverOptions.builder()
                .nameservers(List.of(nameservers))
                .useHostsFile(false)
                .searchDomains(List.of())
                .timeout(timeout)
                .build());
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aServerThatNeverAnswersFailsTheLookupAtTheTimeout() {
        Resolver resolver = resolver(Duration.ofMillis(300), silentServer());

        long start = System.nanoTime();
        UnknownHostException failure = assertThrows(UnknownHostException.class, () -> resolver.lookup("api.test", INET));
        long millis = millisSince(start);

        assertEquals("Cannot resolve api.test: DNS server " + silentServer() + " did not answer the A query within 300 ms",
                failure.getMessage());
        assertInstanceOf(SocketTimeoutException.class, failure.getCause());
        assertTrue(millis >= 290 && millis < 1500, "failed after " + millis + " ms");
    }

    @Test
    void bothFamiliesFailTogetherAtTheTimeout() {
        Resolver resolver = resolver(Duration.ofMillis(300), silentServer());

        long start = System.nanoTime();
        UnknownHostException failure = assertThrows(UnknownHostException.class, () -> resolver.lookup("api.test"));
        long millis = millisSince(start);

        assertTrue(failure.getMessage().contains("did not answer the AAAA query within 300 ms"), failure.getMessage());
        assertTrue(millis >= 290 && millis < 1500, "failed after " + millis + " ms");
    }

    @Test
    void aSilentServerIsPassedOverForTheNextOne() throws Exception {
        Resolver resolver = resolver(Duration.ofSeconds(5), silentServer(), dnsmasq.nameserver());

        long start = System.nanoTime();
        assertEquals(List.of(InetAddress.ofLiteral("192.0.2.10")), resolver.lookup("alive.test", INET));
        assertTrue(millisSince(start) < 5000, "answered after " + millisSince(start) + " ms");
    }
}
