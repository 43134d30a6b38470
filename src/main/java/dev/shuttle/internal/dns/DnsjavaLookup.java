package dev.shuttle.internal.dns;

import dev.shuttle.ResolverOptions;
import dev.shuttle.internal.concurrent.ShuttleThreads;
import dev.shuttle.internal.uri.MappedIpv6;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.lookup.LookupFailedException;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;
import org.xbill.DNS.lookup.RedirectLoopException;
import org.xbill.DNS.lookup.RedirectOverflowException;
import org.xbill.DNS.lookup.ServerFailedException;

/**
 * Looks names up in the hosts file ({@link HostsFile}), then with one long-lived dnsjava
 * {@link LookupSession}: its record cache, search domains and ndots.
 *
 * <p>dnsjava does its network I/O on one shared platform thread of its own and runs its
 * continuations on the executor given here, which starts a virtual thread per task. Each lookup
 * is also started on such a thread, never on the caller's: interrupting a caller cannot close a
 * dnsjava channel or reach dnsjava's selector thread, which an interrupt would stop for good. The
 * selector thread, created by the first lookup, gets Shuttle's class loader as its context class
 * loader rather than that of whichever application thread looked up first.
 */
final class DnsjavaLookup implements NameLookup {
    private static final Executor VIRTUAL_THREADS = task -> ShuttleThreads.start("shuttle-dns", task);

    /**
     * The most addresses kept from one answer, in the answer's order. A 64 KiB answer (over TCP)
     * holds about 4,000 A records; kept whole in each cache entry, a hostile server could make
     * every cached name cost hundreds of kilobytes. No connect tries more than a few dozen
     * addresses in any useful time (64 attempts 250 ms apart take 16 seconds).
     */
    static final int MAX_ADDRESSES = 64;

    private final LookupSession session;
    private final String servers;
    /** Asked before DNS; null when the options turn the hosts file off. */
    private final HostsFile hosts;

    /**
     * Creates the lookup.
     *
     * @param options the resolver's options
     * @param resolver sends the queries: dnsjava's, or a scripted one in tests
     * @param servers the nameservers it asks, named in messages
     */
    DnsjavaLookup(ResolverOptions options, org.xbill.DNS.Resolver resolver, List<InetSocketAddress> servers) {
        this.session = DnsjavaSession.build(options, resolver, VIRTUAL_THREADS);
        this.hosts = options.useHostsFile() ? new HostsFile(options.hostsFile().orElseGet(HostsFile::systemPath)) : null;
        this.servers = (servers.size() == 1 ? "DNS server " : "DNS servers ") + Nameservers.describe(servers);
    }

    static DnsjavaLookup create(ResolverOptions options) {
        List<InetSocketAddress> servers = DnsjavaSession.servers(options);
        return new DnsjavaLookup(options, DnsjavaSession.resolver(servers, options.timeout()), servers);
    }

    @Override
    public CompletableFuture<Answer> ask(String name, StandardProtocolFamily family) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        VIRTUAL_THREADS.execute(() -> start(name, family, answer));
        return answer;
    }

    @Override
    public CompletableFuture<List<Record>> askRecords(String name, int type) {
        CompletableFuture<List<Record>> answer = new CompletableFuture<>();
        VIRTUAL_THREADS.execute(() -> {
            Thread.currentThread().setContextClassLoader(DnsjavaLookup.class.getClassLoader());
            try {
                String host = ServiceRecordParser.hostOf(Name.fromString(name, Name.root));
                if (hosts != null && (hosts.address(host, StandardProtocolFamily.INET).isPresent()
                        || hosts.address(host, StandardProtocolFamily.INET6).isPresent())) {
                    answer.complete(List.of()); // the hosts file has the name: no DNS records to ask for
                    return;
                }
                session.lookupAsync(Name.fromString(name, Name.root), type).whenComplete((result, failure) -> {
                    if (failure == null) {
                        answer.complete(result.getRecords());
                        return;
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    if (cause instanceof NoSuchDomainException || cause instanceof NoSuchRRSetException) {
                        answer.complete(List.of());
                    } else if (failed(StandardProtocolFamily.INET, cause) instanceof Answer.Failed failed) {
                        answer.completeExceptionally(new IOException(failed.reason().replace("the A query",
                                "the " + ServiceRecordResolver.typeName(type) + " query"), cause));
                    } else {
                        answer.complete(List.of());
                    }
                });
            } catch (TextParseException | RuntimeException e) {
                answer.completeExceptionally(new IOException("the lookup could not start: " + e, e));
            }
        });
        return answer;
    }

    @Override
    public String servers() {
        return servers;
    }

    private void start(String host, StandardProtocolFamily family, CompletableFuture<Answer> answer) {
        Thread.currentThread().setContextClassLoader(DnsjavaLookup.class.getClassLoader());
        try {
            if (hosts != null) {
                Optional<InetAddress> fromFile = hosts.address(host, family);
                if (fromFile.isPresent()) {
                    // Never cached (a time to live of zero), so that an edit of the file is seen.
                    answer.complete(new Answer.Found(List.of(fromFile.get()), Duration.ZERO));
                    return;
                }
            }
            session.lookupAsync(Name.fromString(host), Families.recordType(family)).whenComplete((result, failure) -> {
                try {
                    answer.complete(failure == null ? found(host, family, result) : failed(family, failure));
                } catch (RuntimeException | Error e) {
                    // Never leave the answer open: the query would stay "in flight" for good.
                    answer.complete(failed(family, e));
                }
            });
        } catch (TextParseException | RuntimeException e) {
            answer.complete(failed(family, e));
        }
    }

    private static Answer found(String host, StandardProtocolFamily family, LookupResult result) {
        List<InetAddress> addresses = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        try {
            for (Record record : result.getRecords()) {
                InetAddress address = switch (record) {
                    case ARecord a when family == StandardProtocolFamily.INET ->
                            InetAddress.getByAddress(host, a.getAddress().getAddress());
                    case AAAARecord aaaa when family == StandardProtocolFamily.INET6 ->
                            Inet6Address.getByAddress(host, MappedIpv6.bytes(aaaa.getAddress()), -1);
                    default -> null;
                };
                if (address != null) {
                    addresses.add(address);
                    ttl = Math.min(ttl, record.getTTL());
                    if (addresses.size() == MAX_ADDRESSES) {
                        break;
                    }
                }
            }
        } catch (UnknownHostException e) {
            return new Answer.Failed("the DNS answer held a malformed address", false, e);
        }
        return addresses.isEmpty() ? new Answer.NoData() : new Answer.Found(addresses, Duration.ofSeconds(ttl));
    }


    private Answer failed(StandardProtocolFamily family, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String query = "the " + Families.recordName(family) + " query";
        return switch (cause) {
            case NoSuchDomainException e -> new Answer.NoSuchName();
            case NoSuchRRSetException e -> new Answer.NoData();
            case ServerFailedException e -> new Answer.Failed(servers + " failed to answer " + query + " (SERVFAIL)", false, e);
            case RedirectLoopException e -> new Answer.Failed("the CNAME or DNAME records form a loop", false, e);
            case RedirectOverflowException e -> new Answer.Failed("too many CNAME or DNAME redirects", false, e);
            case LookupFailedException e -> new Answer.Failed(servers + " gave an unusable answer to " + query + ": " + reason(e), false, e);
            case SocketTimeoutException e -> new Answer.Failed(servers + " did not answer " + query, true, e);
            case PortUnreachableException e -> new Answer.Failed(servers + " refused " + query
                    + " (ICMP port unreachable: no DNS server listens there)", false, e);
            case IOException e when String.valueOf(e.getMessage()).startsWith("Timed out") ->
                    new Answer.Failed(servers + " did not answer " + query, true, e);
            case IOException e -> new Answer.Failed("asking " + servers + " failed: " + reason(e), false, e);
            default -> new Answer.Failed("dnsjava failed: " + reason(cause), false, cause);
        };
    }

    private static String reason(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
