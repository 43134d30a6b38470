package dev.shuttle.internal.dns;

import dev.shuttle.Resolver;
import dev.shuttle.internal.concurrent.ShuttleThreads;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The JDK's resolver, {@link InetAddress#getAllByName(String)}, behind Shuttle's rules (literals,
 * {@code localhost}, input checks). The JDK's lookup is native and ignores interrupts, so it runs
 * on a virtual thread of its own while the caller waits interruptibly; an abandoned lookup ends by
 * itself.
 */
public final class SystemResolver implements Resolver, ImmediateAnswers {
    /** The one instance. */
    public static final SystemResolver INSTANCE = new SystemResolver();

    private SystemResolver() {}

    @Override
    public List<InetAddress> lookup(String host, StandardProtocolFamily family) throws IOException {
        Families.check(family);
        QueryName query = QueryName.of(host);
        if (query.isLocal()) {
            return query.local(family);
        }
        return all(host, query.name()).stream().filter(address -> Families.matches(address, family)).toList();
    }

    /** Literals and {@code localhost} only: the JDK's cache cannot be read without waiting. */
    @Override
    public List<InetAddress> answerAtOnce(String host, StandardProtocolFamily family) {
        try {
            QueryName query = QueryName.of(host);
            return query.isLocal() ? query.local(family) : null;
        } catch (RuntimeException e) {
            return null; // a bad host: the lookup reports it
        }
    }

    @Override
    public List<InetAddress> lookup(String host) throws IOException {
        QueryName query = QueryName.of(host);
        if (query.isLocal()) {
            return query.local();
        }
        List<InetAddress> all = all(host, query.name()).stream()
                .sorted(Comparator.comparing(address -> !(address instanceof Inet6Address)))
                .toList();
        if (all.isEmpty()) {
            throw LookupFailures.noAddresses(host);
        }
        return all;
    }

    private static List<InetAddress> all(String host, String name) throws IOException {
        CompletableFuture<InetAddress[]> result = new CompletableFuture<>();
        ShuttleThreads.start("shuttle-system-lookup", () -> {
            try {
                result.complete(InetAddress.getAllByName(name));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return List.of(result.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LookupFailures.interrupted(host, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                UnknownHostException named = new UnknownHostException("Cannot resolve " + host + ": " + reason(name, unknown));
                named.initCause(unknown);
                throw named;
            }
            throw new IOException("Cannot resolve " + host + ": " + e.getCause(), e.getCause());
        }
    }

    /** The JDK's message without the name it starts with: "Name or service not known". */
    private static String reason(String name, UnknownHostException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank() || message.equals(name)) {
            return "the system resolver found no address";
        }
        return message.startsWith(name + ": ") ? message.substring(name.length() + 2) : message;
    }

    @Override
    public String toString() {
        return "SystemResolver";
    }
}
