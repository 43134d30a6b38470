package dev.shuttle.internal.dns;

import dev.shuttle.testing.Bounded;
import static dev.shuttle.internal.dns.FakeLookup.address;
import static dev.shuttle.internal.dns.FakeLookup.found;
import static java.net.StandardProtocolFamily.INET;
import static java.net.StandardProtocolFamily.INET6;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ResolverOptions;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Waiting for answers: the timeout, interrupts, shared queries, both families at once. */
class DnsResolverWaitTest {
    private final FakeLookup dns = new FakeLookup();

    private DnsResolver resolver(Duration timeout) {
        return new DnsResolver(dns, ResolverOptions.builder().timeout(timeout).build(), Ticker.SYSTEM, LookupObserver.NONE);
    }

    @Test
    void aServerThatDoesNotAnswerFailsTheLookupAtTheTimeout() {
        dns.later("slow.test", INET);
        DnsResolver resolver = resolver(Duration.ofMillis(50));

        long start = System.nanoTime();
        UnknownHostException failure = assertThrows(UnknownHostException.class, () -> resolver.lookup("slow.test", INET));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals("Cannot resolve slow.test: DNS server 192.0.2.53:53 did not answer the A query within 50 ms",
                failure.getMessage());
        assertInstanceOf(SocketTimeoutException.class, failure.getCause());
        assertTrue(millis >= 49 && millis < 1000, "took " + millis + " ms");
    }

    @Test
    void aTimeoutOfForEverWaitsForTheAnswer() throws Exception {
        for (Duration forever : List.of(java.time.temporal.ChronoUnit.FOREVER.getDuration(), Duration.ofSeconds(Long.MAX_VALUE))) {
            String name = "forever" + forever.getSeconds() % 7 + ".test";
            CompletableFuture<Answer> answer = dns.later(name, INET);
            int queriesBefore = dns.queries().size();
            DnsResolver resolver = resolver(forever);
            CompletableFuture<List<InetAddress>> lookup = CompletableFuture.supplyAsync(() -> {
                try {
                    return resolver.lookup(name, INET);
                } catch (java.io.IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            await().atMost(Duration.ofSeconds(5)).until(() -> dns.queries().size() > queriesBefore || lookup.isDone());
            assertFalse(lookup.isDone(), () -> "it waits instead of failing: " + lookup);
            answer.complete(found(Duration.ofSeconds(60), "192.0.2.9"));
            assertEquals(List.of(address("192.0.2.9")), lookup.get(10, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void anAnswerArrivingAfterTheTimeoutStillFillsTheCache() throws Exception {
        CompletableFuture<Answer> late = dns.later("slow.test", INET);
        DnsResolver resolver = resolver(Duration.ofMillis(20));
        assertThrows(UnknownHostException.class, () -> resolver.lookup("slow.test", INET));

        late.complete(found(Duration.ofSeconds(60), "192.0.2.7"));
        assertEquals(List.of(address("192.0.2.7")), resolver.lookup("slow.test", INET));
        assertEquals(1, dns.queries().size());
    }

    @Test
    void callersWaitingForTheSameNameShareOneQuery() throws Exception {
        CompletableFuture<Answer> answer = dns.later("busy.test", INET);
        DnsResolver resolver = resolver(Duration.ofSeconds(10));
        List<Thread> callers = new ArrayList<>();
        List<AtomicReference<Object>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            AtomicReference<Object> result = new AtomicReference<>();
            results.add(result);
            callers.add(Thread.ofVirtual().start(() -> {
                try {
                    result.set(resolver.lookup("busy.test", INET));
                } catch (Exception e) {
                    result.set(e);
                }
            }));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING));

        answer.complete(found(Duration.ofSeconds(60), "192.0.2.8"));
        for (Thread caller : callers) {
            Bounded.join(caller);
        }
        for (AtomicReference<Object> result : results) {
            assertEquals(List.of(address("192.0.2.8")), result.get());
        }
        assertEquals(1, dns.queries().size());
    }

    @Test
    void interruptingTheCallerEndsTheWaitAndKeepsTheFlag() throws Exception {
        CompletableFuture<Answer> answer = dns.later("slow.test", INET);
        DnsResolver resolver = resolver(Duration.ofSeconds(30));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                outcome.set(resolver.lookup("slow.test", INET));
            } catch (Exception e) {
                outcome.set(e);
            }
            outcome.set(List.of(outcome.get(), Thread.currentThread().isInterrupted()));
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> caller.getState() == Thread.State.TIMED_WAITING);
        caller.interrupt();
        Bounded.join(caller);

        List<?> result = (List<?>) outcome.get();
        InterruptedIOException interrupted = assertInstanceOf(InterruptedIOException.class, result.get(0));
        assertEquals("Lookup of slow.test was interrupted", interrupted.getMessage());
        assertEquals(true, result.get(1));
        assertFalse(answer.isDone(), "the query itself is left to finish for the cache");
    }

    @Test
    void bothFamiliesAreAskedBeforeEitherAnswersAndIpv6ComesFirst() throws Exception {
        CompletableFuture<Answer> ipv6 = dns.later("dual.test", INET6);
        CompletableFuture<Answer> ipv4 = dns.later("dual.test", INET);
        DnsResolver resolver = resolver(Duration.ofSeconds(10));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                outcome.set(resolver.lookup("dual.test"));
            } catch (Exception e) {
                outcome.set(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> dns.queries().size() == 2);

        ipv4.complete(found(Duration.ofSeconds(60), "192.0.2.1"));
        ipv6.complete(found(Duration.ofSeconds(60), "2001:db8::1", "2001:db8::2"));
        Bounded.join(caller);
        assertEquals(List.of(address("2001:db8::1"), address("2001:db8::2"), address("192.0.2.1")), outcome.get());
    }

    @Test
    void aFamilyThatFailsDoesNotHideTheOtherFamilysAddresses() throws Exception {
        dns.answer("half.test", INET6, new Answer.Failed(FakeLookup.SERVERS + " failed to answer the AAAA query (SERVFAIL)", false, null));
        dns.answer("half.test", INET, found(Duration.ofSeconds(60), "192.0.2.1"));

        assertEquals(List.<InetAddress>of(address("192.0.2.1")), resolver(Duration.ofSeconds(1)).lookup("half.test"));
    }

    @Test
    void aNameWithoutAddressRecordsSaysSo() {
        dns.answer("mail-only.test", INET6, new Answer.NoData());
        dns.answer("mail-only.test", INET, new Answer.NoData());

        UnknownHostException failure = assertThrows(UnknownHostException.class,
                () -> resolver(Duration.ofSeconds(1)).lookup("mail-only.test"));
        assertEquals("Cannot resolve mail-only.test: the name exists but has no A or AAAA records", failure.getMessage());
    }

    @Test
    void aMissingNameSaysNoSuchNameOnce() {
        dns.answer("gone.test", INET6, new Answer.NoSuchName());
        dns.answer("gone.test", INET, new Answer.NoSuchName());

        UnknownHostException failure = assertThrows(UnknownHostException.class,
                () -> resolver(Duration.ofSeconds(1)).lookup("gone.test"));
        assertEquals("Cannot resolve gone.test: no such name (NXDOMAIN)", failure.getMessage());
        assertEquals(0, failure.getSuppressed().length);
    }

    @Test
    void whenOneFamilyTimesOutAndTheOtherHasNoRecordsTheTimeoutIsReported() {
        dns.later("slow.test", INET6);
        dns.answer("slow.test", INET, new Answer.NoData());

        UnknownHostException failure = assertThrows(UnknownHostException.class,
                () -> resolver(Duration.ofMillis(30)).lookup("slow.test"));
        assertEquals("Cannot resolve slow.test: DNS server 192.0.2.53:53 did not answer the AAAA query within 30 ms",
                failure.getMessage());
    }
}
