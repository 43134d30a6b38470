package dev.shuttle.internal.dns;

import dev.shuttle.testing.Bounded;
import static dev.shuttle.internal.dns.FakeLookup.address;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.shuttle.Resolver;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Resolver#lookup(String)} as every resolver inherits it: both families at once. */
class BothFamiliesTest {

    /** A resolver implementing only the one-family lookup, as an application's might. */
    private interface FamilyResolver extends Resolver {}

    @Test
    void theDefaultLookupAsksBothFamiliesAtOnceAndPutsIpv6First() throws Exception {
        CyclicBarrier bothAsking = new CyclicBarrier(2);
        FamilyResolver resolver = (host, family) -> {
            try {
                bothAsking.await(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the families were not asked at the same time", e);
            }
            return List.of(address(family == StandardProtocolFamily.INET ? "192.0.2.1" : "2001:db8::1"));
        };

        assertEquals(List.of(address("2001:db8::1"), address("192.0.2.1")), resolver.lookup("dual.test"));
    }

    @Test
    void anErrorFromOneFamilyEndsTheLookupAtOnceInterruptingTheOther() throws Exception {
        AssertionError broken = new AssertionError("resolver bug");
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<Boolean> otherStarted = new AtomicReference<>(false);
        AtomicReference<Boolean> otherInterrupted = new AtomicReference<>(false);
        FamilyResolver resolver = (host, family) -> {
            if (family == StandardProtocolFamily.INET6) {
                throw broken;
            }
            otherStarted.set(true);
            try {
                Bounded.await(never); // a lookup that would hang for ever
            } catch (InterruptedException e) {
                otherInterrupted.set(true);
                throw new InterruptedIOException("interrupted");
            }
            return List.of();
        };

        Error thrown = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(AssertionError.class, () -> resolver.lookup("error.test")));
        assertSame(broken, thrown);
        // The scope waits for its tasks: by now the other lookup never started, or was interrupted.
        assertEquals(otherStarted.get(), otherInterrupted.get(), "the other family's lookup was interrupted");
    }

    @Test
    void theDefaultLookupKeepsTheAddressesOfTheFamilyThatAnswered() throws Exception {
        FamilyResolver resolver = (host, family) -> {
            if (family == StandardProtocolFamily.INET6) {
                throw new UnknownHostException("Cannot resolve " + host + ": no answer");
            }
            return List.<InetAddress>of(address("192.0.2.1"));
        };

        assertEquals(List.of(address("192.0.2.1")), resolver.lookup("half.test"));
    }

    @Test
    void theDefaultLookupReportsBothFailuresWhenNeitherFamilyAnswered() {
        FamilyResolver resolver = (host, family) -> {
            throw new UnknownHostException("Cannot resolve " + host + ": no " + family + " answer");
        };

        UnknownHostException failure = assertThrows(UnknownHostException.class, () -> resolver.lookup("dead.test"));
        assertEquals("Cannot resolve dead.test: no INET6 answer", failure.getMessage());
        assertEquals("Cannot resolve dead.test: no INET answer", failure.getSuppressed()[0].getMessage());
    }

    @Test
    void theDefaultLookupPassesBadInputOnAsItIs() {
        IllegalArgumentException bad = new IllegalArgumentException("Cannot look up 'bad host': ...");
        FamilyResolver resolver = (host, family) -> {
            throw bad;
        };

        assertSame(bad, assertThrows(IllegalArgumentException.class, () -> resolver.lookup("bad host")));
        assertThrows(NullPointerException.class, () -> resolver.lookup(null));
    }

    @Test
    void interruptingTheDefaultLookupStopsBothQueriesAndKeepsTheFlag() throws Exception {
        AtomicInteger stopped = new AtomicInteger();
        FamilyResolver resolver = (host, family) -> {
            try {
                Bounded.await(new CountDownLatch(1));
            } catch (InterruptedException e) {
                stopped.incrementAndGet();
                throw new InterruptedIOException();
            }
            return List.of();
        };
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                resolver.lookup("stuck.test");
            } catch (Exception e) {
                outcome.set(List.of(e, Thread.currentThread().isInterrupted()));
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> caller.getState() == Thread.State.WAITING);
        caller.interrupt();
        Bounded.join(caller);

        List<?> result = (List<?>) outcome.get();
        assertInstanceOf(InterruptedIOException.class, result.get(0));
        assertEquals(true, result.get(1));
        assertEquals(2, stopped.get());
    }
}
