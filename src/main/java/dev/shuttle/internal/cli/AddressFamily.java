package dev.shuttle.internal.cli;

import dev.shuttle.Endpoint;
import dev.shuttle.Resolver;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.List;

/** {@code -4} and {@code -6}: IPv4 or IPv6 addresses only, or both when neither is given. */
enum AddressFamily {
    ANY, IPV4, IPV6;

    /**
     * {@return the family the flags ask for}
     *
     * @throws IllegalArgumentException if both are given
     */
    static AddressFamily of(CommandLine line) {
        boolean four = line.has("-4");
        boolean six = line.has("-6");
        if (four && six) {
            throw new IllegalArgumentException("options '-4' and '-6' exclude each other");
        }
        return four ? IPV4 : six ? IPV6 : ANY;
    }

    /**
     * Refuses an IP address of the other family written in the URI.
     *
     * @throws IllegalArgumentException if the endpoint's IP address is not of this family
     */
    void check(Endpoint endpoint) {
        endpoint.ipAddress().ifPresent(address -> {
            if (!allows(address)) {
                throw new IllegalArgumentException(endpoint + " is an " + (address instanceof Inet6Address ? "IPv6" : "IPv4")
                        + " address, but " + (this == IPV4 ? "-4" : "-6") + " asks for " + (this == IPV4 ? "IPv4" : "IPv6")
                        + " only");
            }
        });
    }

    boolean allows(InetAddress address) {
        return switch (this) {
            case ANY -> true;
            case IPV4 -> address instanceof Inet4Address;
            case IPV6 -> address instanceof Inet6Address;
        };
    }

    /** {@return a resolver that answers this family only, as if the name had no records of the other} */
    Resolver restrict(Resolver resolver) {
        if (this == ANY) {
            return resolver;
        }
        StandardProtocolFamily wanted = this == IPV4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        return new Resolver() {
            @Override
            public List<InetAddress> lookup(String host, StandardProtocolFamily family) throws IOException {
                return family == wanted ? resolver.lookup(host, family) : List.of();
            }
        };
    }
}
