package dev.shuttle.internal.race;

import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/** Looks up the addresses of one family: AAAA for {@code INET6}, A for {@code INET}. */
@FunctionalInterface
public interface FamilyLookup {
    /**
     * Looks up a hostname.
     *
     * @param host the hostname, canonical
     * @param family the family
     * @return the addresses, empty when the name has none of that family
     * @throws IOException if the lookup failed ({@link java.net.UnknownHostException}) or was
     *     interrupted
     */
    List<InetAddress> lookup(String host, StandardProtocolFamily family) throws IOException;

    /**
     * Answers one family without waiting when the answer is already known (cached, a literal,
     * {@code localhost}); the race then needs no thread for that lookup.
     *
     * @param host the hostname, canonical
     * @param family the family
     * @return the addresses (possibly none), or {@code null} to look up; by default {@code null}
     */
    default List<InetAddress> answerAtOnce(String host, StandardProtocolFamily family) {
        return null;
    }

    /**
     * Whether the race asks for this family at all. A family not asked counts as answered with no
     * address, and no listener hears of a lookup for it.
     *
     * @param family the family
     * @return whether to look it up; by default {@code true}
     */
    default boolean asks(StandardProtocolFamily family) {
        return true;
    }

    /**
     * Restricts a lookup to some families, for a socket that can reach only those (one bound to
     * an IPv4 address, say).
     *
     * @param lookup the lookup
     * @param families the families to ask for
     * @return the restricted lookup
     */
    static FamilyLookup only(FamilyLookup lookup, Set<StandardProtocolFamily> families) {
        return new FamilyLookup() {
            @Override
            public List<InetAddress> lookup(String host, StandardProtocolFamily family) throws IOException {
                return lookup.lookup(host, family);
            }

            @Override
            public List<InetAddress> answerAtOnce(String host, StandardProtocolFamily family) {
                return lookup.answerAtOnce(host, family);
            }

            @Override
            public boolean asks(StandardProtocolFamily family) {
                return families.contains(family) && lookup.asks(family);
            }
        };
    }

    /**
     * Combines a lookup with a way to answer without waiting.
     *
     * @param lookup the lookup, which may wait
     * @param atOnce what {@link #answerAtOnce} answers
     * @return the combined lookup
     */
    static FamilyLookup of(FamilyLookup lookup, BiFunction<String, StandardProtocolFamily, List<InetAddress>> atOnce) {
        return new FamilyLookup() {
            @Override
            public List<InetAddress> lookup(String host, StandardProtocolFamily family) throws IOException {
                return lookup.lookup(host, family);
            }

            @Override
            public List<InetAddress> answerAtOnce(String host, StandardProtocolFamily family) {
                return atOnce.apply(host, family);
            }
        };
    }
}
