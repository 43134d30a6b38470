package dev.shuttle.internal.race;

import static java.net.StandardProtocolFamily.INET;
import static java.net.StandardProtocolFamily.INET6;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.ConnectListener;
import dev.shuttle.Endpoint;
import dev.shuttle.ServiceEndpoint;
import dev.shuttle.internal.address.AddressSorter;
import dev.shuttle.internal.concurrent.ShuttleThreads;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Happy Eyeballs v3: the race with HTTPS records, on a clock moved by hand against a scripted
 * resolver and network.
 */
class ServiceRaceTest {
    private static final Duration RESOLUTION_DELAY = Duration.ofMillis(50);
    private static final Duration ATTEMPT_DELAY = Duration.ofMillis(250);
    private static final AddressSorter DUAL_STACK = new AddressSorter(destination ->
            InetAddress.ofLiteral(destination instanceof java.net.Inet6Address ? "2001:db8::100" : "192.0.2.100"));

    private final ManualTicker ticker = new ManualTicker();
    private final CompletableFuture<Connection> result = new CompletableFuture<>();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private ScriptedServiceNetwork network;
    private Thread owner;

    private void race(List<String> clientProtocols) {
        network = new ScriptedServiceNetwork(clientProtocols);
        ConnectListener listener = new ConnectListener() {
            @Override
            public void servicesAnswered(Endpoint endpoint, List<ServiceEndpoint> services) {
                heard.add("services " + services);
            }

            @Override
            public void attemptStarted(Endpoint endpoint, InetSocketAddress address, ServiceEndpoint service) {
                heard.add("attempt " + address.getPort() + " from " + service.priority());
            }
        };
        HappyEyeballsRace race = new HappyEyeballsRace(Endpoint.parse("tls://example.com:443"), network, network, network,
                new RaceSettings(true, RESOLUTION_DELAY, ATTEMPT_DELAY, 1), DUAL_STACK, ticker, listener, null);
        owner = Thread.ofVirtual().start(() -> {
            try {
                result.complete(race.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
    }

    private static ServiceEndpoint service(int priority, String target, int port, List<String> alpn, boolean defaultAlpn,
            String... hints) {
        return new ServiceEndpoint(priority, target, port == 0 ? OptionalInt.empty() : OptionalInt.of(port), alpn,
                defaultAlpn, java.util.Arrays.stream(hints).map(InetAddress::ofLiteral).toList(), null);
    }

    private static ServiceAnswer https(ServiceEndpoint... services) {
        return new ServiceAnswer(List.of(services), "http/1.1", null);
    }

    private void awaitStarted(String... attempts) {
        await().atMost(Duration.ofSeconds(10)).until(() -> network.started.equals(List.of(attempts)));
    }

    private void awaitWaiting(long nanos) {
        await().atMost(Duration.ofSeconds(10)).until(() -> ticker.waitingFor() == nanos);
    }

    private Connection winner() throws Exception {
        return result.get(10, TimeUnit.SECONDS);
    }

    private Throwable failure() throws Exception {
        try {
            result.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the race succeeded");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @AfterEach
    void ownerEndsAndLeavesNoThread() throws InterruptedException {
        if (owner != null && owner.isAlive()) {
            owner.interrupt();
        }
        assertTrue(owner == null || owner.join(Duration.ofSeconds(10)), "the race did not end");
        await().until(() -> ShuttleThreads.live() == 0);
    }

    @Test
    void aaaaAndServiceAnswersAreAskedAtOnce() {
        race(List.of("h2"));
        await().until(() -> network.lookedUp.containsAll(List.of("example.com AAAA", "example.com A", "example.com HTTPS")));
        network.services(ServiceAnswer.NONE);
        network.answer("example.com", INET6);
        network.answer("example.com", INET);
    }

    @Test
    void aPositiveAaaaAnswerWaitsTheResolutionDelayForTheServiceAnswer() throws Exception {
        race(List.of("h2", "http/1.1"));
        network.answer("example.com", INET6, "2001:db8::1");
        awaitWaiting(RESOLUTION_DELAY.toNanos());
        assertTrue(network.started.isEmpty(), "RFC 8305 would start at once; v3 waits for the service answer");
        ticker.advance(Duration.ofMillis(20));
        network.services(https(service(1, "example.com", 8443, List.of("h2"), true)));
        awaitStarted("2001:db8::1:8443 h2,http/1.1");
        network.connects("2001:db8::1", 8443);
        Connection won = winner();
        assertEquals(service(1, "example.com", 8443, List.of("h2"), true), won.unwrap(ServiceEndpoint.class).orElseThrow());
        assertEquals(List.of("services [1 example.com alpn=h2 port=8443]", "attempt 8443 from 1"), heard);
    }

    @Test
    void aServiceAnswerPastTheResolutionDelayJoinsTheAddressesLeft() throws Exception {
        race(List.of("h2"));
        network.answer("example.com", INET6, "2001:db8::1");
        network.answer("example.com", INET, "192.0.2.1");
        awaitWaiting(RESOLUTION_DELAY.toNanos());
        ticker.advance(RESOLUTION_DELAY);
        awaitStarted("2001:db8::1:443");
        long waitsBefore = ticker.waits();
        network.services(https(service(1, "example.com", 8443, List.of("h2"), false)));
        // The race has taken the answer once it waits again (for the rest of the attempt delay).
        await().atMost(Duration.ofSeconds(10)).until(() -> ticker.waits() > waitsBefore
                && ticker.waitingFor() == ATTEMPT_DELAY.toNanos());
        ticker.advance(ATTEMPT_DELAY);
        awaitStarted("2001:db8::1:443", "192.0.2.1:8443 h2");
        network.refuses("192.0.2.1", 8443);
        awaitStarted("2001:db8::1:443", "192.0.2.1:8443 h2", "2001:db8::1:8443 h2");
        network.connects("2001:db8::1", 8443);
        assertEquals(8443, winner().unwrap(ServiceEndpoint.class).orElseThrow().port().getAsInt());
        assertTrue(network.made.stream().filter(c -> !c.closed()).count() == 1);
    }

    @Test
    void endpointsGoByPriorityThenTheHostsOwnAddressesLast() throws Exception {
        race(List.of("h2", "http/1.1"));
        network.services(https(service(2, "example.com", 8443, List.of("h2"), true),
                service(1, "example.com", 9443, List.of(), true)));
        network.answer("example.com", INET, "192.0.2.1");
        network.answer("example.com", INET6, "2001:db8::1");
        awaitStarted("2001:db8::1:9443 http/1.1");
        network.refuses("2001:db8::1", 9443);
        awaitStarted("2001:db8::1:9443 http/1.1", "192.0.2.1:9443 http/1.1");
        network.refuses("192.0.2.1", 9443);
        awaitStarted("2001:db8::1:9443 http/1.1", "192.0.2.1:9443 http/1.1", "2001:db8::1:8443 h2,http/1.1");
        network.refuses("2001:db8::1", 8443);
        network.refuses("192.0.2.1", 8443);
        network.refuses("2001:db8::1", 443);
        network.refuses("192.0.2.1", 443);
        Throwable failure = failure();
        assertEquals(List.of("2001:db8::1:9443 http/1.1", "192.0.2.1:9443 http/1.1", "2001:db8::1:8443 h2,http/1.1",
                "192.0.2.1:8443 h2,http/1.1", "2001:db8::1:443", "192.0.2.1:443"), network.started);
        assertInstanceOf(ConnectException.class, failure);
    }

    @Test
    void withinOnePriorityTheClientsPreferredProtocolGoesFirst() throws Exception {
        race(List.of("h2", "http/1.1"));
        network.services(https(service(1, "example.com", 8001, List.of(), true),
                service(1, "example.com", 8002, List.of("h2"), true)));
        network.answer("example.com", INET6, "2001:db8::1");
        awaitStarted("2001:db8::1:8002 h2,http/1.1");
        network.connects("2001:db8::1", 8002);
        assertEquals(8002, winner().unwrap(ServiceEndpoint.class).orElseThrow().port().getAsInt());
    }

    @Test
    void aServiceOfferingNoProtocolTheClientSpeaksIsSkipped() throws Exception {
        race(List.of("h2"));
        network.services(https(service(1, "example.com", 8443, List.of("h3"), false),
                service(2, "example.com", 9443, List.of("h2"), true)));
        network.answer("example.com", INET6, "2001:db8::1");
        network.answer("example.com", INET);
        awaitStarted("2001:db8::1:9443 h2");
        network.refuses("2001:db8::1", 9443);
        awaitStarted("2001:db8::1:9443 h2", "2001:db8::1:443");
        network.connects("2001:db8::1", 443);
        assertTrue(winner().unwrap(ServiceEndpoint.class).isEmpty(), "the host's own address is no service endpoint");
    }

    @Test
    void hintsStartAttemptsBeforeTheTargetAnswersAndAreReplacedByThem() throws Exception {
        race(List.of("h2"));
        network.services(https(service(1, "svc.example.net", 0, List.of("h2"), true, "192.0.2.7", "2001:db8::7")));
        network.answer("example.com", INET6);
        network.answer("example.com", INET);
        awaitStarted("2001:db8::7:443 h2");
        await().until(() -> network.lookedUp.containsAll(List.of("svc.example.net AAAA", "svc.example.net A")));
        long waitsBefore = ticker.waits();
        network.answer("svc.example.net", INET, "192.0.2.70");
        // The race has taken the IPv4 answer (the next attempt's family) once it waits again.
        await().atMost(Duration.ofSeconds(10)).until(() -> ticker.waits() > waitsBefore
                && ticker.waitingFor() == ATTEMPT_DELAY.toNanos());
        network.answer("svc.example.net", INET6, "2001:db8::70");
        ticker.advance(ATTEMPT_DELAY);
        awaitStarted("2001:db8::7:443 h2", "192.0.2.70:443 h2");
        network.refuses("192.0.2.70", 443);
        awaitStarted("2001:db8::7:443 h2", "192.0.2.70:443 h2", "2001:db8::70:443 h2");
        network.connects("2001:db8::70", 443);
        assertEquals("svc.example.net", winner().unwrap(ServiceEndpoint.class).orElseThrow().targetName());
        assertTrue(network.started.stream().noneMatch(s -> s.startsWith("192.0.2.7:")), "the IPv4 hint gave way to the answer");
    }

    @Test
    void anAliasModeRecordWithTargetDotFailsTheConnectSayingSo() throws Exception {
        race(List.of("h2"));
        network.services(new ServiceAnswer(List.of(), "http/1.1",
                "its HTTPS records say the service is not available (AliasMode with target \".\")"));
        network.answer("example.com", INET6, "2001:db8::1");
        Throwable failure = failure();
        assertInstanceOf(ConnectException.class, failure);
        assertEquals("Connection to tls://example.com:443 failed: its HTTPS records say the service is not available "
                + "(AliasMode with target \".\")", failure.getMessage());
        assertTrue(network.started.isEmpty());
    }

    @Test
    void aFailedServiceLookupLeavesTheRaceToTheAddresses() throws Exception {
        race(List.of("h2"));
        network.services.completeExceptionally(new java.net.UnknownHostException("SERVFAIL"));
        network.answer("example.com", INET6, "2001:db8::1");
        awaitStarted("2001:db8::1:443");
        network.connects("2001:db8::1", 443);
        assertTrue(winner().unwrap(ServiceEndpoint.class).isEmpty());
    }

    @Test
    void withoutServiceRecordsTheHostsAddressesAreRacedAsInRfc8305() throws Exception {
        race(List.of("h2"));
        network.services(ServiceAnswer.NONE);
        network.answer("example.com", INET, "192.0.2.1");
        network.answer("example.com", INET6, "2001:db8::1");
        awaitStarted("2001:db8::1:443");
        ticker.advance(ATTEMPT_DELAY);
        awaitStarted("2001:db8::1:443", "192.0.2.1:443");
        network.connects("192.0.2.1", 443);
        assertEquals("tcp://192.0.2.1:443", winner().remoteAddress().toString());
    }
}
