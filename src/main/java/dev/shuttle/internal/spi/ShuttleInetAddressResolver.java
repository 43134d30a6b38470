package dev.shuttle.internal.spi;

import dev.shuttle.Resolver;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Answers the JDK's forward lookups with a Shuttle {@link Resolver}, honouring the lookup policy:
 * only A records for {@code IPV4}, only AAAA for {@code IPV6}, both otherwise, IPv4 first for
 * {@code IPV4_FIRST} (the JDK's default), IPv6 first for {@code IPV6_FIRST}. Reverse lookups, names
 * Shuttle does not accept as hostnames, and lookups made while Shuttle itself is
 * resolving on the same thread go to the built-in resolver; so does this machine's own name
 * ({@link InetAddress#getLocalHost()}) when Shuttle cannot resolve it, as the system often knows
 * it from neither the hosts file nor DNS, and every lookup when the nameservers property is bad.
 */
final class ShuttleInetAddressResolver implements InetAddressResolver {
    private static final ThreadLocal<Boolean> RESOLVING = new ThreadLocal<>();

    private final InetAddressResolver builtin;
    private final Supplier<String> localHostName;
    private final Supplier<Optional<Resolver>> resolverSource;
    private final ReentrantLock lock = new ReentrantLock();
    /** Null till the first lookup; empty if {@link #resolverSource} had no resolver: the built-in one answers. */
    private volatile Optional<Resolver> resolver;

    ShuttleInetAddressResolver(InetAddressResolverProvider.Configuration configuration) {
        this(configuration.builtinResolver(), configuration::lookupLocalHostName, ResolverHook::resolver);
    }

    /**
     * @param builtin the JDK's built-in resolver
     * @param localHostName this machine's host name, as the system configures it
     * @param resolverSource the resolver to answer with, made at the first lookup and only then
     */
    ShuttleInetAddressResolver(InetAddressResolver builtin, Supplier<String> localHostName,
            Supplier<Optional<Resolver>> resolverSource) {
        this.builtin = builtin;
        this.localHostName = localHostName;
        this.resolverSource = resolverSource;
    }

    @Override
    public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
        if (RESOLVING.get() != null) {
            return builtin.lookupByName(host, policy);
        }
        RESOLVING.set(Boolean.TRUE);
        try {
            Optional<Resolver> chosen = resolver();
            return chosen.isEmpty() ? builtin.lookupByName(host, policy) : answer(chosen.get(), host, policy);
        } finally {
            RESOLVING.remove();
        }
    }

    private Stream<InetAddress> answer(Resolver chosen, String host, LookupPolicy policy) throws UnknownHostException {
        try {
            return lookup(chosen, host, policy.characteristics()).stream();
        } catch (IllegalArgumentException notAHostname) {
            return builtin.lookupByName(host, policy);
        } catch (UnknownHostException e) {
            if (!host.equalsIgnoreCase(localHostName.get())) {
                throw e;
            }
            try {
                return builtin.lookupByName(host, policy);
            } catch (UnknownHostException builtinToo) {
                builtinToo.addSuppressed(e);
                throw builtinToo;
            }
        }
    }

    private Optional<Resolver> resolver() {
        Optional<Resolver> built = resolver;
        if (built == null) {
            lock.lock();
            try {
                built = resolver;
                if (built == null) {
                    built = resolverSource.get();
                    resolver = built;
                }
            } finally {
                lock.unlock();
            }
        }
        return built;
    }

    static List<InetAddress> lookup(Resolver resolver, String host, int characteristics) throws UnknownHostException {
        boolean ipv4 = (characteristics & LookupPolicy.IPV4) != 0;
        boolean ipv6 = (characteristics & LookupPolicy.IPV6) != 0;
        List<InetAddress> found;
        try {
            if (ipv4 && !ipv6) {
                found = resolver.lookup(host, StandardProtocolFamily.INET);
            } else if (ipv6 && !ipv4) {
                found = resolver.lookup(host, StandardProtocolFamily.INET6);
            } else {
                found = order(resolver.lookup(host), characteristics);
            }
        } catch (UnknownHostException e) {
            throw e;
        } catch (InterruptedIOException e) {
            UnknownHostException interrupted = new UnknownHostException(host + ": lookup interrupted");
            interrupted.initCause(e);
            throw interrupted;
        } catch (IOException e) {
            UnknownHostException failed = new UnknownHostException(host + ": " + e.getMessage());
            failed.initCause(e);
            throw failed;
        }
        if (found.isEmpty()) {
            String families = ipv4 && !ipv6 ? "IPv4" : ipv6 && !ipv4 ? "IPv6" : "IPv4 or IPv6";
            throw new UnknownHostException(host + ": no " + families + " address");
        }
        return found;
    }

    private static List<InetAddress> order(List<InetAddress> addresses, int characteristics) {
        boolean ipv4First = (characteristics & LookupPolicy.IPV4_FIRST) != 0;
        boolean ipv6First = (characteristics & LookupPolicy.IPV6_FIRST) != 0;
        if (!ipv4First && !ipv6First) {
            return addresses;
        }
        List<InetAddress> first = new ArrayList<>();
        List<InetAddress> second = new ArrayList<>();
        for (InetAddress address : addresses) {
            ((address instanceof Inet4Address) == ipv4First ? first : second).add(address);
        }
        first.addAll(second);
        return first;
    }

    @Override
    public String lookupByAddress(byte[] address) throws UnknownHostException {
        return builtin.lookupByAddress(address);
    }

    @Override
    public String toString() {
        Optional<Resolver> built = resolver;
        return "ShuttleInetAddressResolver[" + (built == null ? "not yet used" : built.map(String::valueOf).orElse("built-in"))
                + "]";
    }
}
