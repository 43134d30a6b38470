package dev.shuttle;

import dev.shuttle.internal.dns.BothFamilies;
import dev.shuttle.internal.dns.DnsResolver;
import dev.shuttle.internal.dns.SystemResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.List;

/**
 * Looks up the IP addresses of a hostname.
 *
 * <p>Resolvers are thread-safe and meant to be long-lived: the DNS resolver keeps its cache for
 * as long as it lives. Every lookup blocks the calling thread until it has an answer, a failure
 * or, for {@link #dns(ResolverOptions) DNS}, its timeout; it should run on a virtual thread when
 * many run at once. Interrupting the calling thread ends the wait with an
 * {@link java.io.InterruptedIOException} and keeps the interrupt flag set.
 *
 * <p>Two rules hold for every resolver Shuttle makes, without any DNS traffic: an IP literal
 * ({@code 192.0.2.1}, {@code 2001:db8::1}, {@code fe80::1%eth0}) is its own answer, and
 * {@code localhost} and every name under {@code .localhost} are loopback ({@code ::1} and
 * {@code 127.0.0.1}).
 *
 * {@snippet :
 * Resolver resolver = Resolver.dns();
 * List<InetAddress> addresses = resolver.lookup("example.com");       // IPv6 first, then IPv4
 * List<InetAddress> ipv4 = resolver.lookup("example.com", StandardProtocolFamily.INET);
 * }
 */
public interface Resolver {

    /**
     * Looks up the addresses of one family: A records for {@link StandardProtocolFamily#INET},
     * AAAA records for {@link StandardProtocolFamily#INET6}.
     *
     * @param host a hostname, best given in the canonical form {@link Endpoint#host()} returns
     *     (lower-case ASCII), or an IP literal without brackets
     * @param family {@code INET} or {@code INET6}
     * @return the addresses, in the order the answer gave them; empty when the name exists but has
     *     no address of this family (NODATA), or when the host is an IP literal of the other family
     * @throws java.net.UnknownHostException naming the host and why: no such name (NXDOMAIN), no
     *     answer from the DNS server within the timeout, a server failure (SERVFAIL)
     * @throws java.io.InterruptedIOException if the calling thread was interrupted while waiting
     *     (the interrupt flag stays set)
     * @throws IOException for another failure to look the name up
     * @throws IllegalArgumentException if the host is empty or not a valid hostname or IP literal,
     *     or the family is {@code UNIX}; checked before any I/O
     * @throws NullPointerException if an argument is null
     */
    List<InetAddress> lookup(String host, StandardProtocolFamily family) throws IOException;

    /**
     * Looks up the addresses of both families, asking for A and AAAA records at the same time
     * and waiting for both answers.
     *
     * <p>When one family fails (a timeout, a server failure) and the other has addresses, those
     * addresses are returned: a connection can still be tried.
     *
     * @param host a hostname or an IP literal, as for {@link #lookup(String, StandardProtocolFamily)}
     * @return the IPv6 addresses first, then the IPv4 ones, each in the order of their answer;
     *     never empty
     * @throws java.net.UnknownHostException when neither family has an address; its message says
     *     whether the name does not exist (NXDOMAIN), exists without A or AAAA records, or the
     *     DNS server did not answer in time
     * @throws java.io.InterruptedIOException if the calling thread was interrupted while waiting
     *     (the interrupt flag stays set)
     * @throws IOException for another failure to look the name up
     * @throws IllegalArgumentException if the host is empty or not a valid hostname or IP literal
     * @throws NullPointerException if the host is null
     */
    default List<InetAddress> lookup(String host) throws IOException {
        return BothFamilies.lookup(this, host);
    }

    /**
     * Returns the resolver of the JDK: {@link InetAddress#getAllByName(String)}, whose answers
     * are filtered by family. It follows the operating system's configuration (the hosts file,
     * {@code nsswitch.conf}, mDNS, ...) and caches as the JDK does, which Shuttle does not
     * control ({@code networkaddress.cache.ttl}, 30 seconds by default). There is no lookup
     * timeout but the system's; an interrupt ends the wait, while the system lookup itself
     * finishes in the background.
     *
     * @return the system resolver, the same instance on every call
     */
    static Resolver system() {
        return SystemResolver.INSTANCE;
    }

    /**
     * Returns the DNS resolver with the {@linkplain ResolverOptions#defaults() default options}:
     * the nameservers, search domains and {@code ndots} of the system's configuration
     * ({@code /etc/resolv.conf}), the hosts file first, a 5-second lookup timeout and a cache
     * that respects the records' TTL. At most 64 addresses of each family are kept from one DNS
     * answer, in the answer's order, so that a hostile server cannot make a cached name cost
     * hundreds of kilobytes.
     *
     * <p>This is one resolver shared by the whole process, so that every connector using it
     * shares its cache. It reads the system's configuration when first used.
     *
     * @return the shared DNS resolver
     * @see #dns(ResolverOptions)
     */
    static Resolver dns() {
        return DnsResolver.shared();
    }

    /**
     * Returns a new DNS resolver, with a cache of its own. dnsjava sends and receives on its one
     * I/O thread and hands everything else to virtual threads: no thread pool is involved, and
     * an interrupt of a caller never reaches dnsjava.
     *
     * <p>dnsjava logs through SLF4J. Without an SLF4J provider on the class path, SLF4J prints a
     * three-line notice to standard error on first use: add the application's provider, or
     * {@code org.slf4j:slf4j-nop} to discard dnsjava's logging.
     *
     * @param options the nameservers, timeout, cache limits and search rules
     * @return the resolver
     * @throws NullPointerException if {@code options} is null
     */
    static Resolver dns(ResolverOptions options) {
        return DnsResolver.create(options);
    }
}
