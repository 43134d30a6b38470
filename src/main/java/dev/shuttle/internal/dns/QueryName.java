package dev.shuttle.internal.dns;

import dev.shuttle.internal.uri.HostNames;
import dev.shuttle.internal.uri.LocalHosts;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * A host to look up, checked before any I/O: an IP literal or {@code localhost}, answered
 * locally, or a hostname in canonical form (lower-case ASCII) to ask DNS about.
 *
 * @param name the canonical host: the name sent to DNS, or the literal's text
 * @param local the answer without DNS (a literal or loopback), or {@code null} for a DNS name
 */
record QueryName(String name, List<InetAddress> local) {
    private static final byte[] LOOPBACK4 = {127, 0, 0, 1};
    private static final byte[] LOOPBACK6 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    /**
     * Checks and classifies a host.
     *
     * @throws NullPointerException if {@code host} is null
     * @throws IllegalArgumentException naming the host and what is wrong with it
     */
    static QueryName of(String host) {
        Objects.requireNonNull(host, "host");
        String name;
        try {
            name = HostNames.normalise(host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot look up '" + host + "': " + e.getMessage(), e);
        }
        InetAddress literal = HostNames.literal(name);
        if (literal != null) {
            return new QueryName(name, List.of(literal));
        }
        if (LocalHosts.isLocalhost(name)) {
            return new QueryName(name, List.of(loopback(name, LOOPBACK6), loopback(name, LOOPBACK4)));
        }
        return new QueryName(name, null);
    }

    /** {@return whether the answer is known without DNS} */
    boolean isLocal() {
        return local != null;
    }

    /** {@return the local answer's addresses of one family, possibly none} */
    List<InetAddress> local(StandardProtocolFamily family) {
        return local.stream().filter(a -> Families.matches(a, family)).toList();
    }


    private static InetAddress loopback(String name, byte[] address) {
        try {
            return InetAddress.getByAddress(name, address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a loopback address has a valid length", e);
        }
    }
}
