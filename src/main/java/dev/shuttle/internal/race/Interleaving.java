package dev.shuttle.internal.race;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Orders sorted addresses for a race (RFC 8305 section 4): the first {@code firstFamilyCount}
 * addresses of the family that sorted first, then the families alternating one by one.
 */
final class Interleaving {
    private Interleaving() {}

    /**
     * Interleaves.
     *
     * @param sorted addresses in preference order
     * @param firstFamilyCount how many of the first family go first, at least 1
     * @param startWithIpv6 which family goes first, or {@code null} for the family of the first address
     * @return the order to try them in
     */
    static List<InetAddress> interleave(List<InetAddress> sorted, int firstFamilyCount, Boolean startWithIpv6) {
        if (sorted.isEmpty()) {
            return List.of();
        }
        boolean ipv6First = startWithIpv6 != null ? startWithIpv6 : sorted.getFirst() instanceof Inet6Address;
        Deque<InetAddress> first = new ArrayDeque<>();
        Deque<InetAddress> second = new ArrayDeque<>();
        for (InetAddress address : sorted) {
            ((address instanceof Inet6Address) == ipv6First ? first : second).add(address);
        }
        List<InetAddress> order = new ArrayList<>(sorted.size());
        for (int i = 0; i < firstFamilyCount && !first.isEmpty(); i++) {
            order.add(first.poll());
        }
        boolean takeSecond = true;
        while (!first.isEmpty() || !second.isEmpty()) {
            Deque<InetAddress> from = takeSecond ? second : first;
            if (from.isEmpty()) {
                from = takeSecond ? first : second;
            }
            order.add(from.poll());
            takeSecond = !takeSecond;
        }
        return order;
    }
}
