package dev.shuttle.internal.dropin;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The host a library passes to a socket factory's {@code createSocket(String host, int port)},
 * read as the JDK's {@link java.net.Socket#Socket(String, int)} reads it (through
 * {@link InetAddress#getByName(String)}): {@code null} or an empty host is the loopback address,
 * and an IPv6 literal may come in brackets ({@code [::1]}, as {@link java.net.URI#getHost()} and
 * {@link java.net.URL#getHost()} return it).
 */
public final class SocketHost {
    private SocketHost() {}

    /**
     * {@return where to connect: the loopback address for a null or empty host, else the host, its
     * brackets removed, unresolved (Shuttle resolves it)}
     *
     * @param host the host as the library gave it
     * @param port the port, already checked
     */
    public static InetSocketAddress target(String host, int port) {
        if (host == null || host.isEmpty()) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }
        return InetSocketAddress.createUnresolved(unbracketed(host), port);
    }

    /**
     * {@return the host without the brackets around an IPv6 literal, else as it is}
     *
     * @param host a hostname or IP literal
     */
    public static String unbracketed(String host) {
        return host.length() > 2 && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
