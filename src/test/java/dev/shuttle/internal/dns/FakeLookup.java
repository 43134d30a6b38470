package dev.shuttle.internal.dns;

import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted {@link NameLookup}: answers what the test set for a name and family, completed at
 * once, or a future the test completes later. Records every query.
 */
final class FakeLookup implements NameLookup {
    static final String SERVERS = "DNS server 192.0.2.53:53";

    private final Map<String, CompletableFuture<Answer>> script = new ConcurrentHashMap<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();

    /** Answers every later query for the name and family with this answer. */
    FakeLookup answer(String name, StandardProtocolFamily family, Answer answer) {
        script.put(key(name, family), CompletableFuture.completedFuture(answer));
        return this;
    }

    /** {@return a future the test completes, answering the next queries for the name and family} */
    CompletableFuture<Answer> later(String name, StandardProtocolFamily family) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        script.put(key(name, family), answer);
        return answer;
    }

    @Override
    public CompletableFuture<Answer> ask(String name, StandardProtocolFamily family) {
        queries.add(key(name, family));
        CompletableFuture<Answer> answer = script.get(key(name, family));
        if (answer == null) {
            throw new AssertionError("unexpected query for " + key(name, family));
        }
        return answer;
    }

    @Override
    public String servers() {
        return SERVERS;
    }

    /** {@return the queries sent, as {@code name/A} or {@code name/AAAA}} */
    List<String> queries() {
        return List.copyOf(queries);
    }

    static Answer found(Duration ttl, String... addresses) {
        return new Answer.Found(List.of(addresses).stream().map(FakeLookup::address).toList(), ttl);
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByAddress(InetAddress.ofLiteral(literal).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static String key(String name, StandardProtocolFamily family) {
        return name + "/" + Families.recordName(family);
    }
}
