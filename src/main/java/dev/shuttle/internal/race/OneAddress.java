package dev.shuttle.internal.race;

import dev.shuttle.Endpoint;
import dev.shuttle.Resolver;
import dev.shuttle.internal.address.AddressSorter;
import dev.shuttle.internal.uri.LocalHosts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * How a target is reached by a protocol that cannot race, UDP: it has no handshake that would tell
 * a working address from a dead one. An IP literal is used as it is; {@code localhost} (and names
 * under it) is the JDK's loopback address, the one a server listening on {@code localhost} binds;
 * any other name is looked up and its first address in RFC 6724 order is taken. The racing
 * counterpart, for TCP and TLS, is {@link HappyEyeballsConnector}: the two are the only places that
 * decide how a target is reached.
 */
public final class OneAddress {
    private OneAddress() {}

    /**
     * {@return the address to use for the endpoint's host}
     *
     * @param endpoint the endpoint asked for
     * @param resolver what looks a name up
     * @param doing what is being done, for the message: {@code "Connecting a UDP socket to"}
     * @throws UnknownHostException naming the endpoint, if the name has no address
     * @throws IOException if the lookup failed
     */
    public static InetAddress of(Endpoint endpoint, Resolver resolver, String doing) throws IOException {
        InetAddress literal = endpoint.ipAddress().orElse(null);
        if (literal != null) {
            return literal;
        }
        if (LocalHosts.isLocalhost(endpoint.host())) {
            return InetAddress.getLoopbackAddress();
        }
        List<InetAddress> addresses = resolver.lookup(endpoint.host());
        if (addresses.isEmpty()) {
            throw new UnknownHostException(doing + " " + endpoint + " failed: " + endpoint.host()
                    + " has no A or AAAA records (the resolver answered no address)");
        }
        return AddressSorter.system().sort(addresses).getFirst();
    }
}
