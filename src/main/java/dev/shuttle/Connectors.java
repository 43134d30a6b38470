package dev.shuttle;

import dev.shuttle.internal.combinator.ConcurrentConnector;
import dev.shuttle.internal.combinator.ConsecutiveConnector;
import dev.shuttle.internal.combinator.FixedUriConnector;
import dev.shuttle.internal.combinator.RejectConnector;
import dev.shuttle.internal.combinator.SelectiveConnector;
import dev.shuttle.internal.combinator.CurrentTargetConnector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Connectors made of other connectors, in the spirit of connection-manager-extra: try several in
 * order, in random order or all at once, pick one by host and port, always reject, or swap the
 * target at run time. Each result is a {@link Connector} and stacks with the rest, including the
 * decorators {@link Connector#withTimeout}, {@link Connector#withTries} and
 * {@link Connector#withDelay}.
 *
 * {@snippet :
 * Connector connector = Connectors.selective()
 *         .route("localhost", Connector.create())
 *         .route("*.internal:1-1023", Connectors.reject("privileged ports are not allowed"))
 *         .route("*", Connectors.concurrent(viaProxyA, viaProxyB))
 *         .build()
 *         .withTimeout(Duration.ofSeconds(3))
 *         .withTries(3);
 * }
 *
 * <p>When every connector of a multi-connector strategy fails, the caller gets the most telling
 * failure (an error from the network before a timeout, a timeout before a connector that cannot
 * handle the URI), its message naming the URI and every attempt's failure attached as suppressed.
 *
 * <p>An {@link Error} thrown by a connector given here, or by a {@link Rejection} function, is
 * not a failed attempt: it is never retried nor weighed against other failures. It ends the
 * connect at once: attempts still running are cancelled, any connection they made is closed, and
 * the caller of {@code connect} gets that same Error.
 */
public final class Connectors {
    private Connectors() {}

    /**
     * Consecutive: tries the connectors one after the other, in the order given, until one
     * succeeds. When all fail, throws the most telling failure with every failure suppressed.
     *
     * @param connectors at least one
     * @return the connector
     * @throws IllegalArgumentException if none is given
     */
    public static Connector consecutive(Connector... connectors) {
        return consecutive(List.of(connectors));
    }

    /**
     * Consecutive, from a list; see {@link #consecutive(Connector...)}.
     *
     * @param connectors at least one
     * @return the connector
     * @throws IllegalArgumentException if the list is empty
     */
    public static Connector consecutive(List<? extends Connector> connectors) {
        return ConsecutiveConnector.inOrder(connectors);
    }

    /**
     * Random: tries the connectors one after the other, in a fresh random order on every
     * connect, until one succeeds. When all fail, throws as {@link #consecutive(Connector...)}.
     *
     * @param connectors at least one
     * @return the connector
     * @throws IllegalArgumentException if none is given
     */
    public static Connector random(Connector... connectors) {
        // Each call draws from its own thread's generator: a shared one would not be thread-safe.
        return random(List.of(connectors), () -> ThreadLocalRandom.current().nextLong());
    }

    /**
     * Random, from a list and with a given source of randomness (a seeded one repeats its orders).
     *
     * @param connectors at least one
     * @param random draws the order of each connect; must be thread-safe if connects run at once
     * @return the connector
     * @throws IllegalArgumentException if the list is empty
     */
    public static Connector random(List<? extends Connector> connectors, RandomGenerator random) {
        return ConsecutiveConnector.shuffled(connectors, random);
    }

    /**
     * Concurrent: starts every connector at once, each on its own virtual thread; the first to
     * connect wins, every other attempt is cancelled and any connection it made is closed.
     *
     * <p>Blocks until one connects or all have failed; when all fail, throws the most telling
     * failure with every failure suppressed. An interrupt cancels every attempt, and so does an
     * {@link Error} from one of the connectors, which the caller then gets.
     *
     * @param connectors at least one
     * @return the connector
     * @throws IllegalArgumentException if none is given
     */
    public static Connector concurrent(Connector... connectors) {
        return concurrent(List.of(connectors));
    }

    /**
     * Concurrent, from a list; see {@link #concurrent(Connector...)}.
     *
     * @param connectors at least one
     * @return the connector
     * @throws IllegalArgumentException if the list is empty
     */
    public static Connector concurrent(List<? extends Connector> connectors) {
        return new ConcurrentConnector(connectors);
    }

    /**
     * Starts a selective connector: one connector per rule, the first rule matching the URI's
     * host and port wins; see {@link Selective} for how rules are written and matched.
     *
     * <p><b>What a selective connector guarantees, as an access list.</b> Rules and targets are
     * read into one canonical form, so no spelling of a host gets past a rule written for it:
     * <ul>
     *   <li>A rule is normalised as a target's host is (case, one trailing dot, international
     *       labels in {@code xn--} form, IPv6 text, zones). A rule spelled as no target can be
     *       (an invisible or format character such as {@code U+200B}, a non-ASCII digit or dot, a
     *       numeric IPv4 form other than the dotted quad such as {@code 127.1},
     *       {@code 0x7f.0.0.1} or {@code 2130706433}) is refused at construction with an
     *       {@link IllegalArgumentException} naming the rule.
     *   <li>An IP target is matched by its address, not by how it was written; an IPv4-mapped
     *       address is its IPv4 address; the unspecified address ({@code 0.0.0.0}, {@code ::}) is
     *       matched as itself and as {@code 127.0.0.1} and {@code ::1}, since a connect to it
     *       reaches this host.
     *   <li>A rule written for addresses ({@code 127.0.0.1}, {@code 10.*}, {@code [::1]},
     *       {@code [fe80:*]}, IPv4-mapped) also matches a hostname target by the addresses it
     *       resolves to, when the routed connector is Shuttle's own ({@link Connector#create()},
     *       {@code tcp://} and {@code tls://}, with any of this library's decorators and
     *       combinators around it: timeout, tries, delay, concurrent, consecutive, another
     *       selective connector). The route is chosen by the name, first match wins; then, just
     *       before each connection attempt to a resolved address, the address rules written
     *       before the chosen rule are checked again, in order: if one matches the address and
     *       port and routes to another connector than the chosen one, that attempt fails at once
     *       as a refused connect, a {@link java.net.ConnectException} naming the address and both
     *       rules, and the race moves on to the next address. When every address is refused, the
     *       connect fails with a {@code ConnectException}, each refusal suppressed. The check is
     *       made on the very address the attempt connects to, so a DNS answer that changes between
     *       the check and the connect (DNS rebinding) cannot get past it.
     * </ul>
     * {@snippet :
     * Connector connector = Connectors.selective()
     *         .route("127.*", Connectors.reject("loopback is not allowed"))
     *         .route("[::1]", Connectors.reject("loopback is not allowed"))
     *         .route("*", Connector.create())
     *         .build();
     * connector.connect("tcp://localhost.example:80"); // resolving to 127.0.0.1: ConnectException
     * }
     *
     * <p>What it does not promise:
     * <ul>
     *   <li>A name rule ({@code localhost}, {@code *.internal}) matches names only: a name that
     *       resolves to {@code 127.0.0.1} does not match {@code localhost}. To keep connections
     *       away from addresses, write address rules. {@code 127.0.0.1} is one address: loopback is
     *       {@code 127.*} and {@code [::1]}, and this host also has the addresses of its
     *       interfaces.
     *   <li>A routed connector that resolves names itself (a connector of your own, a proxy
     *       connector that hands the name to the proxy) is seen by the rules through the name
     *       only: the address rules cannot check what it connects to. Nor is a routed connector
     *       that connects to another host than the target ({@link #fixedUri}, a proxy): the route
     *       chose that destination.
     *   <li>A connection taken from a {@code ConnectionPool} was checked when it was made, by the
     *       rules of the connect that made it; the pool does not ask again.
     *   <li>The drop-in {@code ShuttleSocketFactory} and {@code ShuttleSslSocketFactory} build
     *       Shuttle's default connector from {@link ConnectorOptions}, and the {@code InetAddress}
     *       resolver provider only resolves: none of them applies selective rules.
     *   <li>IPv4-compatible ({@code ::a.b.c.d}, deprecated) and NAT64 ({@code 64:ff9b::/96})
     *       addresses are IPv6 addresses to the rules: {@code 10.*} does not match them; deny
     *       {@code [0:0:0:0:0:0:*]} or {@code [64:ff9b:*]} as well where that matters.
     *   <li>The unspecified address is matched as loopback, but the JDK connects it to
     *       {@code InetAddress.getLocalHost()}, which on some machines is an address of a network
     *       interface: deny {@code 0.0.0.0} and {@code [::]} as well where this host's other
     *       addresses matter.
     *   <li>The rules decide where connections go, not what the peer does once connected.
     * </ul>
     *
     * @return a builder with no rules
     */
    public static Selective selective() {
        return new Selective();
    }

    /**
     * Selective, from rule text and connector pairs in order, such as
     * {@code List.of(Map.entry("localhost", local), Map.entry("*", remote))}.
     *
     * @param rules the rules, checked in this order
     * @return the connector
     * @throws IllegalArgumentException naming the first malformed rule
     */
    public static Connector selective(List<? extends Map.Entry<String, ? extends Connector>> rules) {
        return new SelectiveConnector(rules);
    }

    /**
     * Reject: every connect fails with a {@link java.net.ConnectException} reading
     * {@code Connection to tcp://host:port rejected: <message>}. Opens nothing.
     *
     * @param message why connections are rejected
     * @return the connector
     */
    public static Connector reject(String message) {
        return RejectConnector.withMessage(message);
    }

    /**
     * Reject: every connect fails with the exception the function returns or throws for the URI.
     * Opens nothing.
     *
     * @param rejection given the endpoint, returns or throws an exception
     * @return the connector
     */
    public static Connector reject(Rejection rejection) {
        return RejectConnector.withFunction(rejection);
    }

    /**
     * Fixed URI: connects to one URI, whatever URI it is asked for; the URI asked for is ignored.
     * Useful to point a library that insists on {@code host:port} at a Unix socket or a proxy.
     *
     * {@snippet :
     * Connector toDocker = Connectors.fixedUri(Connector.create(), "unix:///var/run/docker.sock");
     * toDocker.connect("localhost:2375"); // opens the Unix socket
     * }
     *
     * @param connector the connector that makes the connection
     * @param uri the URI every connect goes to
     * @return the connector
     * @throws IllegalArgumentException if the URI is malformed, naming it
     */
    public static Connector fixedUri(Connector connector, String uri) {
        return new FixedUriConnector(connector, uri);
    }

    /**
     * Swappable: connects through a target that can be replaced at run time, thread-safely.
     *
     * @param initial the first target
     * @return the connector; {@link SwappableConnector#swap(Connector)} replaces its target
     */
    public static SwappableConnector swappable(Connector initial) {
        return new CurrentTargetConnector(initial);
    }

    /** Says how a {@linkplain #reject(Rejection) rejecting connector} fails for an endpoint. */
    @FunctionalInterface
    public interface Rejection {
        /**
         * Makes the exception of one rejected connect.
         *
         * @param endpoint where the caller asked to connect
         * @return the exception to throw, not {@code null}
         * @throws IOException to be thrown to the caller directly, as an alternative to returning it
         */
        IOException reject(Endpoint endpoint) throws IOException;
    }

    /**
     * Builds a selective connector. Not thread-safe; the connector it builds is.
     *
     * <p>A rule is {@code host} or {@code host:port}. The host may hold {@code *} wildcards,
     * each matching any run of characters, dots included ({@code *.example.com},
     * {@code 10.0.*}, {@code *}); IPv6 addresses go in brackets ({@code [::1]:443}). The port is
     * a number or a range {@code min-max}; without one every port matches. Matching is exact
     * ({@code example.com} does not match {@code www.example.com}) and case-insensitive. A
     * wildcard of digits, dots and {@code *} ({@code 10.0.*}) is an address pattern: it matches IP
     * addresses, never the text of a hostname such as {@code 10.0.attacker.example}.
     *
     * <p>Hosts that name the same destination match the same rules, so a rule cannot be slipped
     * past by writing its host another way:
     * <ul>
     *   <li>a fully qualified name, with one trailing dot, is the same name:
     *       {@code tcp://db.internal.:22} matches {@code db.internal} and {@code *.internal}, and
     *       a rule {@code db.internal.} matches {@code tcp://db.internal:22};
     *   <li>an IPv4-mapped IPv6 address is its IPv4 address: {@code tcp://[::ffff:10.0.0.1]:22}
     *       matches {@code 10.*} and {@code 10.0.0.1}, and a rule {@code [::ffff:10.0.0.1]}
     *       matches {@code tcp://10.0.0.1:22};
     *   <li>an IP address is compared as an address, not as it was written:
     *       {@code [0:0:0:0:0:0:0:1]} matches {@code tcp://[::1]:80};
     *   <li>the unspecified address is also loopback, where a connect to it goes:
     *       {@code tcp://0.0.0.0:80} matches {@code 127.0.0.1} and {@code [::1]};
     *   <li>the zone of an IPv6 address does not hide it: {@code tcp://[fe80::1%eth0]:22} (or
     *       {@code %25eth0}, or the interface's index) matches {@code [fe80::1]:22} and
     *       {@code [fe80:*]}. A rule with a zone ({@code [fe80::1%eth0]}, written as in a URI)
     *       matches that zone only, by name or index, and not the address without a zone.
     * </ul>
     *
     * <p>A wildcard IPv6 rule is a prefix of whole groups followed by {@code :*}:
     * {@code [2001:db8:*]} matches every address whose first two groups are {@code 2001} and
     * {@code db8} ({@code 2001:db8::1}, {@code 2001:db8:1::5}), and IPv4 addresses in their mapped
     * form ({@code [0:0:0:0:0:ffff:*]}); groups are compared as numbers, so {@code 0db8} is
     * {@code db8}. A {@code *} elsewhere in an IPv6 rule, or next to {@code ::} (as in
     * {@code [2001:db8::*]}, where it is unclear how many zero groups {@code ::} stands for), is
     * refused with an {@link IllegalArgumentException} saying how to write the rule.
     */
    public static final class Selective {
        private final List<Map.Entry<String, Connector>> rules = new ArrayList<>();

        private Selective() {}

        /**
         * Adds a rule, checked after those added before it.
         *
         * @param rule such as {@code localhost}, {@code *.example.com:443} or {@code [::1]:8000-8999}
         * @param connector the connector for URIs that match
         * @return this builder
         * @throws IllegalArgumentException if the rule is malformed (empty, an empty host or port,
         *     a port outside 1-65535, a reversed range, IPv6 without brackets, a wildcard IPv6 rule
         *     that is not whole groups then {@code :*}, a stray character, an invisible character,
         *     a non-ASCII digit or dot, a numeric IPv4 spelling such as {@code 127.1}), naming the
         *     rule
         */
        public Selective route(String rule, Connector connector) {
            dev.shuttle.internal.combinator.HostPortRule.parse(rule);
            rules.add(Map.entry(rule, Objects.requireNonNull(connector, "connector")));
            return this;
        }

        /**
         * Builds the connector: URIs no rule matches are rejected with a
         * {@link java.net.ConnectException} naming the URI.
         *
         * @return the connector
         */
        public Connector build() {
            return new SelectiveConnector(rules);
        }
    }
}
