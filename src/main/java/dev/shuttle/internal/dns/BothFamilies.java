package dev.shuttle.internal.dns;

import dev.shuttle.Resolver;
import dev.shuttle.internal.concurrent.TaskScope;
import dev.shuttle.internal.concurrent.TaskScopes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Looks up both families of a host at once and merges the answers: IPv6 first, then IPv4; the
 * addresses found even when the other family failed; a failure only when there is no address.
 */
public final class BothFamilies {
    private BothFamilies() {}

    /**
     * What one family's lookup gave.
     *
     * @param addresses the addresses, empty on failure
     * @param failure the failure, or {@code null}
     */
    record Outcome(List<InetAddress> addresses, IOException failure) {
        static Outcome of(List<InetAddress> addresses) {
            return new Outcome(addresses, null);
        }

        static Outcome of(IOException failure) {
            return new Outcome(List.of(), failure);
        }
    }

    /**
     * Asks any resolver for both families on two virtual threads of a task scope, each through
     * {@link Resolver#lookup(String, StandardProtocolFamily)}. The default of
     * {@link Resolver#lookup(String)}.
     *
     * @param resolver the resolver
     * @param host the host
     * @return the addresses, IPv6 first
     * @throws IOException as {@link Resolver#lookup(String)}
     */
    public static List<InetAddress> lookup(Resolver resolver, String host) throws IOException {
        Objects.requireNonNull(host, "host");
        AtomicReferenceArray<Object> results = new AtomicReferenceArray<>(2);
        try (TaskScope scope = TaskScopes.open("shuttle-lookup")) {
            scope.fork(() -> ask(resolver, host, StandardProtocolFamily.INET6, results, 0));
            scope.fork(() -> ask(resolver, host, StandardProtocolFamily.INET, results, 1));
            scope.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LookupFailures.interrupted(host, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a scope without a deadline timed out", e);
        }
        Outcome[] outcomes = new Outcome[2];
        for (int i = 0; i < 2; i++) {
            if (results.get(i) instanceof Error e) {
                throw e; // whichever slot: the other may hold nothing, its lookup interrupted
            }
        }
        for (int i = 0; i < 2; i++) {
            switch (results.get(i)) {
                case Outcome outcome -> outcomes[i] = outcome;
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                case null, default -> throw new IllegalStateException("a lookup task ended without a result");
            }
        }
        return combine(host, outcomes[0], outcomes[1]);
    }

    private static boolean ask(Resolver resolver, String host, StandardProtocolFamily family,
            AtomicReferenceArray<Object> results, int slot) {
        try {
            results.set(slot, Outcome.of(resolver.lookup(host, family)));
        } catch (IOException e) {
            results.set(slot, Outcome.of(e));
        } catch (RuntimeException e) {
            results.set(slot, e);
        } catch (Error e) {
            // Stops the scope: the other family's lookup is interrupted, and the Error reaches the
            // caller now, not once a slow or hanging other lookup ends.
            results.set(slot, e);
            return true;
        }
        return false;
    }

    /**
     * Merges the outcomes of both families.
     *
     * @throws IOException when neither has an address: the failure (IPv6's first, the other
     *     suppressed when different), or "no A or AAAA records" when both simply had none
     */
    static List<InetAddress> combine(String host, Outcome ipv6, Outcome ipv4) throws IOException {
        if (!ipv6.addresses().isEmpty() || !ipv4.addresses().isEmpty()) {
            List<InetAddress> all = new ArrayList<>(ipv6.addresses().size() + ipv4.addresses().size());
            all.addAll(ipv6.addresses());
            all.addAll(ipv4.addresses());
            return List.copyOf(all);
        }
        if (ipv6.failure() == null && ipv4.failure() == null) {
            throw LookupFailures.noAddresses(host);
        }
        IOException first = ipv6.failure() != null ? ipv6.failure() : ipv4.failure();
        IOException second = first == ipv6.failure() ? ipv4.failure() : null;
        if (second != null && !Objects.equals(second.getMessage(), first.getMessage())) {
            first.addSuppressed(second);
        }
        throw first;
    }
}
