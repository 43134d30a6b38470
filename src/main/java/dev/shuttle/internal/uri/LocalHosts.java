package dev.shuttle.internal.uri;

import dev.shuttle.Endpoint;
import java.net.InetAddress;
import java.util.Locale;

/**
 * What {@code localhost} means, in one place: RFC 6761 makes {@code localhost} and every name
 * under it loopback, whatever DNS says. Resolvers answer it without asking, UDP connects it to the
 * JDK's loopback address, and servers bind it there.
 */
public final class LocalHosts {
    private LocalHosts() {}

    /**
     * {@return whether the name is {@code localhost} or a name under it, with or without the
     * final dot, in any case}
     *
     * @param name a hostname as parsed
     */
    public static boolean isLocalhost(String name) {
        String bare = (name.endsWith(".") ? name.substring(0, name.length() - 1) : name).toLowerCase(Locale.ROOT);
        return bare.equals("localhost") || bare.endsWith(".localhost");
    }

    /**
     * {@return the address a server listening on this endpoint binds: its IP address, or the
     * JDK's loopback address for {@code localhost}}
     *
     * @param endpoint a listening endpoint
     * @throws IllegalArgumentException naming the endpoint, if its host is any other hostname
     */
    public static InetAddress bindAddress(Endpoint endpoint) {
        if (isLocalhost(endpoint.host())) {
            return InetAddress.getLoopbackAddress();
        }
        return endpoint.ipAddress().orElseThrow(() -> new IllegalArgumentException("Cannot listen on " + endpoint
                + ": '" + endpoint.host() + "' is a hostname; listen on an IP address (0.0.0.0, [::], 127.0.0.1) or localhost"));
    }
}
