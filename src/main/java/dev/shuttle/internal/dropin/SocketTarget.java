package dev.shuttle.internal.dropin;

import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;

/**
 * Turns the address a library passes to {@link java.net.Socket#connect(SocketAddress, int)} into the
 * URI a Shuttle connector takes. An unresolved address connects by its name: Shuttle's DNS and
 * happy eyeballs choose among the name's addresses (an IPv6 literal may be written with or without
 * brackets). A resolved address connects to its IP address,
 * whatever hostname it carries: the caller chose that address (its own DNS, such as OkHttp's
 * DNS over HTTPS, a pinned address, a name found by a reverse lookup), and Shuttle does not
 * second-guess it.
 */
final class SocketTarget {
    private SocketTarget() {}

    static Endpoint of(SocketAddress address) throws UnknownHostException {
        if (!(address instanceof InetSocketAddress inet)) {
            throw new IllegalArgumentException("Unsupported address type: " + (address == null ? "null"
                    : address.getClass().getName()) + " (a Shuttle socket connects to an InetSocketAddress)");
        }
        if (inet.getPort() < 1) {
            throw new IllegalArgumentException("port must be between 1 and 65535 to connect, not " + inet.getPort()
                    + " (address " + inet + ")");
        }
        if (inet.isUnresolved()) {
            return byName(inet.getHostString(), inet.getPort());
        }
        return Endpoint.of(Scheme.TCP, inet);
    }

    private static Endpoint byName(String host, int port) throws UnknownHostException {
        String bare = SocketHost.unbracketed(host);
        try {
            return Endpoint.parse("tcp://" + (bare.indexOf(':') >= 0 ? "[" + bare + "]" : bare) + ":" + port);
        } catch (IllegalArgumentException e) {
            UnknownHostException unknown = new UnknownHostException(host + ": " + e.getMessage());
            unknown.initCause(e);
            throw unknown;
        }
    }
}
