package dev.shuttle.internal.address;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Sorts destination addresses by the rules of RFC 6724 section 6 that Java can know:
 * <ol>
 * <li>Rule 1, avoid unusable destinations (no route: no source address).
 * <li>Rule 2, prefer matching scope.
 * <li>Rule 5, prefer matching label (so an IPv4 source prefers IPv4 destinations).
 * <li>Rule 6, prefer higher precedence in the default policy table.
 * <li>Rule 8, prefer smaller scope.
 * <li>Rule 9, use longest matching prefix, within one family.
 * <li>Rule 10, otherwise keep the order the resolver gave.
 * </ol>
 * Skipped, since the JDK does not expose what they need: rule 3 (deprecated addresses), rule 4
 * (home addresses of mobile IPv6), rule 7 (native transport versus tunnels).
 */
public final class AddressSorter {
    private final Function<InetAddress, InetAddress> sourceFor;

    /**
     * Creates a sorter.
     *
     * @param sourceFor the source address the system would use for a destination, or {@code null}
     *     when it has no route to it
     */
    public AddressSorter(Function<InetAddress, InetAddress> sourceFor) {
        this.sourceFor = sourceFor;
    }

    /** {@return a sorter asking the system's routing table, cached} */
    public static AddressSorter system() {
        return new AddressSorter(SourceAddresses.SYSTEM::sourceFor);
    }

    /**
     * Sorts.
     *
     * @param destinations addresses in the resolver's order
     * @return a new list in preference order
     */
    public List<InetAddress> sort(List<InetAddress> destinations) {
        if (destinations.size() < 2) {
            return List.copyOf(destinations);
        }
        List<Candidate> candidates = new ArrayList<>(destinations.size());
        for (InetAddress destination : destinations) {
            candidates.add(new Candidate(destination, sourceFor.apply(destination)));
        }
        candidates.sort(ORDER); // stable: rule 10
        return candidates.stream().map(Candidate::destination).toList();
    }

    private record Candidate(InetAddress destination, InetAddress source) {
        boolean usable() {
            return source != null;
        }

        int scope() {
            return scopeOf(destination);
        }

        boolean scopeMatches() {
            return usable() && scopeOf(source) == scope();
        }

        boolean labelMatches() {
            return usable() && PolicyTable.label(source) == PolicyTable.label(destination);
        }

        int commonPrefixWithSource() {
            if (!usable() || (source instanceof Inet6Address) != (destination instanceof Inet6Address)) {
                return 0;
            }
            return PolicyTable.commonPrefix(source.getAddress(), destination.getAddress());
        }
    }

    private static final Comparator<Candidate> ORDER = Comparator
            .comparing((Candidate c) -> !c.usable())
            .thenComparing(c -> !c.scopeMatches())
            .thenComparing(c -> !c.labelMatches())
            .thenComparing(c -> -PolicyTable.precedence(c.destination()))
            .thenComparingInt(Candidate::scope)
            .thenComparing((a, b) -> samefamily(a, b) ? Integer.compare(b.commonPrefixWithSource(), a.commonPrefixWithSource()) : 0);

    private static boolean samefamily(Candidate a, Candidate b) {
        return (a.destination() instanceof Inet6Address) == (b.destination() instanceof Inet6Address);
    }

    /** The scope of RFC 6724 section 3.1: 2 link-local, 5 site-local, 14 global. */
    static int scopeOf(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.isLoopbackAddress() || address.isLinkLocalAddress() ? 2 : 14;
        }
        if (address.isMulticastAddress()) {
            return address.getAddress()[1] & 0x0f;
        }
        if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
            return 2;
        }
        return address.isSiteLocalAddress() ? 5 : 14;
    }
}
