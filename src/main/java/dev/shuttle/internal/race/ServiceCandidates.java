package dev.shuttle.internal.race;

import dev.shuttle.ServiceEndpoint;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a Happy Eyeballs v3 race has left to try: each usable service endpoint in
 * {@link ServiceOrder}, its target's addresses (or, for a family not answered yet, its hints)
 * sorted and interleaved, at its port; then the host's own addresses at the URI's port (RFC 9460's
 * fallback for clients to which the records are optional). What was tried is left out, and so is
 * a second occurrence of an address and port.
 */
final class ServiceCandidates {
    private ServiceCandidates() {}

    /** The answers the race has: one family of a name, or {@code null} while it is not in. */
    @FunctionalInterface
    interface Answers {
        List<InetAddress> of(String name, boolean ipv6);
    }

    /**
     * Lists the candidates.
     *
     * @param answer the service answer, or {@code null} while it is not in
     * @param clientProtocols the client's ALPN ids
     * @param uriPort the port of the URI
     * @param answers the A and AAAA answers so far
     * @param hostAddresses the host's own addresses
     * @param tried the addresses and ports tried already
     * @param order sorts and interleaves addresses (RFC 6724, RFC 8305)
     * @return the candidates, best first
     */
    static List<Candidate> list(ServiceAnswer answer, List<String> clientProtocols, int uriPort, Answers answers,
            List<InetAddress> hostAddresses, Set<InetSocketAddress> tried, UnaryOperator<List<InetAddress>> order) {
        List<Candidate> all = new ArrayList<>();
        Set<InetSocketAddress> seen = new HashSet<>(tried);
        if (answer != null) {
            for (ServiceOrder.Choice choice : ServiceOrder.order(answer, clientProtocols)) {
                ServiceEndpoint service = choice.service();
                int port = service.port().orElse(uriPort);
                List<InetAddress> six = answers.of(service.targetName(), true);
                List<InetAddress> four = answers.of(service.targetName(), false);
                List<InetAddress> group = new ArrayList<>();
                if (six != null) {
                    group.addAll(six);
                }
                if (four != null) {
                    group.addAll(four);
                }
                Set<InetAddress> hints = new HashSet<>();
                for (InetAddress hint : service.hints()) {
                    if ((hint instanceof Inet6Address ? six : four) == null && !group.contains(hint)) {
                        hints.add(hint); // until the target's answer of that family replaces it
                        group.add(hint);
                    }
                }
                for (InetAddress address : order.apply(group)) {
                    InetSocketAddress target = new InetSocketAddress(address, port);
                    if (seen.add(target)) {
                        all.add(new Candidate(target, service, choice.protocols(), hints.contains(address)));
                    }
                }
            }
        }
        for (InetAddress address : order.apply(hostAddresses)) {
            InetSocketAddress target = new InetSocketAddress(address, uriPort);
            if (seen.add(target)) {
                all.add(new Candidate(target, null, null, false));
            }
        }
        return all;
    }
}
