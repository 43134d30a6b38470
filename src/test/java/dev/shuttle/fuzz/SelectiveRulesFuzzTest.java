package dev.shuttle.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connector;
import dev.shuttle.Connectors;
import dev.shuttle.Endpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Fuzzes the rules of {@link Connectors#selective()}: rule text parsed when added, and the built
 * connector deciding where a URI goes. The routed connectors record where a connect went instead of
 * connecting.
 *
 * <p>Invariant:
 * <ul>
 *   <li>adding a rule either works or throws an {@link IllegalArgumentException} whose message
 *       contains the rule;
 *   <li>a built connector's {@code connect} goes to a route, or throws an {@link IOException}
 *       (no rule matched) or an {@link IllegalArgumentException} (a bad URI), nothing else, and
 *       decides within a second whatever the rules and the URI;
 *   <li>a URI that an IPv4 deny rule ({@code a.b.c.d} or a wildcard such as {@code 127.*}) covers
 *       is denied however its host is spelled: if the URI reaches the catch-all route, its host,
 *       read as {@code inet_aton} (and so a system resolver) reads numbers, is not an address the
 *       deny rule covers.
 * </ul>
 */
class SelectiveRulesFuzzTest {
    private static final Duration DECISION_LIMIT = Duration.ofSeconds(1);

    /** Where a recording connector was asked to connect. */
    static final class Routed extends IOException {
        final String route;

        Routed(String route, String uri) {
            super("routed to " + route + ": " + uri);
            this.route = route;
        }
    }

    private static Connector recording(String route) {
        return uri -> {
            throw new Routed(route, uri.toString());
        };
    }

    @Provide
    Arbitrary<String> rules() {
        Arbitrary<String> host = Arbitraries.oneOf(
                HostileSpellings.hosts(),
                Arbitraries.of("*", "*.example.com", "127.*", "127.0.0.*", "10.*.*.1", "*.internal", "[fe80:*]", "[::ffff:*]",
                        "[2001:db8::*]", "*.*.internal", "**", "*.", ".*"));
        Arbitrary<String> port = Arbitraries.oneOf(Arbitraries.of("", ":80", ":1-1023", ":0", ":65536", ":80-79", ":", ":-",
                ":1-", ":\uFF18\uFF10", ":99999999999"), Arbitraries.integers().between(1, 65535).map(p -> ":" + p));
        return Combinators.combine(host, Arbitraries.of(true, false), port)
                .as((h, bracket, p) -> (bracket ? "[" + h + "]" : h) + p);
    }

    @Provide
    Arbitrary<List<String>> ruleLists() {
        return rules().list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> targets() {
        return Arbitraries.oneOf(HostileSpellings.uris(),
                Arbitraries.of("tcp://" + "a".repeat(250) + ":80", "tcp://" + "a.".repeat(126) + "b:80"));
    }

    @Provide
    Arbitrary<String> denials() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("127.0.0.1", "127.*", "127.0.0.*", "10.*", "0.0.0.0", "169.254.169.254")),
                Tuple.of(1, Arbitraries.integers().between(0, 255).list().ofSize(4)
                        .map(o -> o.get(0) + "." + o.get(1) + "." + o.get(2) + "." + o.get(3))));
    }

    /** Any rule list parses or names the bad rule; the built connector decides any URI in time, with documented failures only. */
    @FuzzTarget
    void rulesParseOrNameTheRuleAndConnectsDecideInTime(@ForAll("ruleLists") List<String> rules, @ForAll("targets") String uri) {
        Connectors.Selective builder = Connectors.selective();
        for (int i = 0; i < rules.size(); i++) {
            String rule = rules.get(i);
            try {
                builder.route(rule, recording("rule " + i));
            } catch (IllegalArgumentException e) {
                assertTrue(String.valueOf(e.getMessage()).contains(rule),
                        () -> "the message does not name the rule " + Escaped.of(rule) + ": " + e.getMessage());
            } catch (RuntimeException e) {
                throw new AssertionError("adding the rule " + Escaped.of(rule) + " threw " + e, e);
            }
        }
        Connector connector = builder.build();
        decide(connector, uri, "rules " + rules.stream().map(Escaped::of).toList());
    }

    /** No spelling of a host gets past an IPv4 deny rule to the catch-all route. */
    @FuzzTarget
    void noSpellingGetsPastAnIpv4DenyRule(@ForAll("denials") String deny, @ForAll("targets") String uri) {
        Connector connector = Connectors.selective().route(deny, recording("deny")).route("*", recording("allow")).build();
        String route = decide(connector, uri, "deny rule " + deny);
        if (!"allow".equals(route)) {
            return;
        }
        Endpoint endpoint = Endpoint.parse(uri);
        Optional<InetAddress> reached = Inet4Numbers.parse(endpoint.host());
        if (reached.isPresent() && covers(deny, reached.get())) {
            throw new AssertionError(Escaped.of(uri) + " (host " + Escaped.of(endpoint.host()) + ", which a resolver reads as "
                    + reached.get().getHostAddress() + ") got past the deny rule " + deny);
        }
    }

    /** The spellings of issue 18 against rules for 127.0.0.1. */
    @Example
    void theSpellingsOfIssue18AreDenied() {
        SeedFailures failures = new SeedFailures();
        for (String deny : List.of("127.0.0.1", "127.*")) {
            for (String uri : HostileSpellings.URIS) {
                failures.check(() -> noSpellingGetsPastAnIpv4DenyRule(deny, uri));
            }
            for (String host : HostileSpellings.HOSTS) {
                failures.check(() -> noSpellingGetsPastAnIpv4DenyRule(deny, "tcp://" + host + ":80"));
            }
        }
        failures.assertNone();
    }

    /**
     * Rules with many wildcards against long hosts that almost match them: decided in time. Stops
     * at the first that is not (its matching cannot be stopped, and keeps a core busy), which is
     * why the random rules above hold few wildcards.
     */
    @Example
    void manyWildcardsDecideALongHostInTime() {
        List<String> rules = List.of("*a*a*a*a*a*a*a*a*a*a*a*b", "*.*.*.*.*.*.internal", "*-*-*-*-*.svc", "*a*a*a*a*a*a:1-65535");
        List<String> uris = List.of("tcp://" + "a".repeat(250) + ":80", "tcp://" + "a.".repeat(126) + "b:80",
                "tcp://" + "a-".repeat(125) + "a:80", "tcp://" + "a".repeat(63) + "." + "a".repeat(63) + ":80");
        for (String rule : rules) {
            Connector connector = Connectors.selective().route(rule, recording("rule")).build();
            for (String uri : uris) {
                decide(connector, uri, "rule " + rule);
            }
        }
    }

    /** {@return the route the connector took, or null when it refused the URI in a documented way} */
    private static String decide(Connector connector, String uri, String context) {
        try {
            within(DECISION_LIMIT, () -> connector.connect(uri),
                    "deciding " + Escaped.of(uri) + " under " + context + " took over " + DECISION_LIMIT);
            throw new AssertionError("a recording connector connected");
        } catch (Routed routed) {
            return routed.route;
        } catch (ConnectException | IllegalArgumentException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("connecting to " + Escaped.of(uri) + " under " + context + " threw " + e, e);
        }
    }

    /** Runs the call on a virtual thread, failing the test if it takes longer than the limit; rethrows what it throws. */
    private static void within(Duration limit, java.util.concurrent.Callable<?> call, String late) throws IOException {
        java.util.concurrent.FutureTask<?> task = new java.util.concurrent.FutureTask<>(call);
        Thread.ofVirtual().start(task);
        try {
            task.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            task.cancel(true);
            throw new AssertionError(late, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new AssertionError(e.getCause());
            }
        }
    }

    /** Whether an IPv4 rule (a dotted quad, or one with {@code *} wildcards) covers the address. */
    private static boolean covers(String rule, InetAddress address) {
        String regex = rule.replace(".", "\\.").replace("*", ".*");
        return address.getHostAddress().matches(regex);
    }
}
