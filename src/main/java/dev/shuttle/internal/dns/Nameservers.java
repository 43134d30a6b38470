package dev.shuttle.internal.dns;

import dev.shuttle.internal.uri.HostNames;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads and writes nameserver addresses: an IP address with an optional port, {@code 8.8.8.8},
 * {@code 127.0.0.1:5353}, {@code ::1} or {@code [::1]:53}. Never does a lookup.
 */
public final class Nameservers {
    private static final int DNS_PORT = 53;

    private Nameservers() {}

    /**
     * Parses one nameserver.
     *
     * @param server the text
     * @return its socket address, port 53 unless given
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static InetSocketAddress parse(String server) {
        Objects.requireNonNull(server, "nameserver");
        String host = server;
        int port = DNS_PORT;
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            if (close < 0) {
                throw invalid(server, "'[' without a closing ']'");
            }
            host = server.substring(1, close);
            String rest = server.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    throw invalid(server, "unexpected '" + rest + "' after ']'");
                }
                port = port(server, rest.substring(1));
            }
            if (host.indexOf(':') < 0) {
                throw invalid(server, "brackets are for IPv6 addresses only");
            }
        } else {
            int colon = server.indexOf(':');
            if (colon >= 0 && server.indexOf(':', colon + 1) < 0) {
                host = server.substring(0, colon);
                port = port(server, server.substring(colon + 1));
            }
        }
        InetAddress address;
        try {
            address = HostNames.literal(HostNames.normalise(host));
        } catch (IllegalArgumentException e) {
            throw invalid(server, e.getMessage());
        }
        if (address == null) {
            throw invalid(server, "a nameserver must be an IP address, since a hostname would itself need DNS");
        }
        return new InetSocketAddress(address, port);
    }

    /** {@return the servers as Shuttle writes them, such as {@code 127.0.0.1:5353, [::1]:53}} */
    static String describe(List<InetSocketAddress> servers) {
        return servers.stream().map(Nameservers::describe).collect(Collectors.joining(", "));
    }

    private static String describe(InetSocketAddress server) {
        String host = HostNames.format(server.getAddress());
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + server.getPort();
    }

    private static int port(String server, String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(server, "the port '" + text + "' is not a number");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw invalid(server, "the port " + port + " is outside 1-65535");
        }
        return port;
    }

    private static IllegalArgumentException invalid(String server, String reason) {
        return new IllegalArgumentException("nameserver '" + server + "' is not valid: " + reason
                + " (expected an IP address with an optional port, such as 8.8.8.8, 127.0.0.1:5353 or [::1]:53)");
    }
}
