package dev.shuttle.internal.uri;

import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;

/** Keeps {@code udp://} out of the stream APIs: connectors and servers refuse it, naming what to use. */
public final class DatagramScheme {
    private DatagramScheme() {}

    /**
     * Refuses a {@code udp://} endpoint given to a connector.
     *
     * @param endpoint the endpoint asked for
     * @throws IllegalArgumentException if it is {@code udp://}
     */
    public static void refuseConnect(Endpoint endpoint) {
        if (endpoint.scheme() == Scheme.UDP) {
            throw notAStream(endpoint, "connect to");
        }
    }

    /**
     * Refuses a {@code udp://} URI given to the {@code shuttle} command line, which carries byte
     * streams only; a command-line user cannot call the UDP API instead.
     *
     * @param command the command, such as {@code "connect"}
     * @param endpoint the endpoint asked for
     * @throws IllegalArgumentException if it is {@code udp://}
     */
    public static void refuseOnTheCommandLine(String command, Endpoint endpoint) {
        if (endpoint.scheme() == Scheme.UDP) {
            throw new IllegalArgumentException("shuttle " + command + " does not support udp:// (" + endpoint
                    + "): it carries byte streams over tcp://, tls:// and unix://, and udp:// carries datagrams");
        }
    }

    /**
     * {@return the refusal of a {@code udp://} endpoint by a stream API}
     *
     * @param endpoint the endpoint
     * @param action what was asked, such as {@code "connect to"} or {@code "listen on"}
     */
    public static IllegalArgumentException notAStream(Endpoint endpoint, String action) {
        String instead = action.startsWith("listen") ? "UdpServer.listen" : "UdpSocket.connect";
        return new IllegalArgumentException("Cannot " + action + " " + endpoint + " here: udp:// carries datagrams, "
                + "not a byte stream; use " + instead + "(\"" + endpoint + "\")");
    }
}
