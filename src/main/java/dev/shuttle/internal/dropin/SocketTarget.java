package dev.shuttle.internal.dropin;

import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.internal.uri.HostNames;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;

/**
 * Turns the address a library passes to {@link java.net.Socket#connect(SocketAddress, int)} into the
 * URI a Shuttle connector takes. An unresolved address connects by its name. A resolved address
 * that still carries the hostname it was resolved from ({@code new InetSocketAddress("db", 5432)})
 * connects by that name too, so that Shuttle's DNS cache and happy eyeballs choose among all the
 * name's addresses rather than the one the JDK picked; an address made from an IP literal connects
 * to that address.
 */
final class SocketTarget {
    private SocketTarget() {}

    static Endpoint of(SocketAddress address) throws UnknownHostException {
        if (!(address instanceof InetSocketAddress inet)) {
            throw new IllegalArgumentException("Unsupported address type: " + (address == null ? "null"
                    : address.getClass().getName()) + " (a Shuttle socket connects to an InetSocketAddress)");
        }
        String host = inet.getHostString();
        if (inet.isUnresolved() || !isLiteral(host)) {
            return byName(host, inet.getPort(), inet);
        }
        if (inet.getPort() < 1) {
            throw new IllegalArgumentException("port must be between 1 and 65535 to connect, not 0 (address " + inet + ")");
        }
        return Endpoint.of(Scheme.TCP, inet);
    }

    private static boolean isLiteral(String host) {
        try {
            return HostNames.literal(host) != null;
        } catch (IllegalArgumentException e) {
            return host.indexOf(':') >= 0;
        }
    }

    private static Endpoint byName(String host, int port, InetSocketAddress original) throws UnknownHostException {
        if (port < 1) {
            throw new IllegalArgumentException("port must be between 1 and 65535 to connect, not " + port + " (address " + original + ")");
        }
        try {
            return Endpoint.parse("tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
        } catch (IllegalArgumentException e) {
            UnknownHostException unknown = new UnknownHostException(host + ": " + e.getMessage());
            unknown.initCause(e);
            throw unknown;
        }
    }
}
