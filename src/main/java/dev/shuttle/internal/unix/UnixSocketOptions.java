package dev.shuttle.internal.unix;

import dev.shuttle.Endpoint;
import dev.shuttle.SocketOptions;
import dev.shuttle.internal.io.SupportedSocketOptions;
import dev.shuttle.internal.io.SupportedSocketOptions.Kind;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link SocketOptions} a Unix domain socket takes (buffer sizes, linger, and the generic
 * options it supports), and a refusal naming those it does not (keep-alive, traffic class, a
 * local address...), so that none is dropped silently. {@code TCP_NODELAY}, on by default,
 * means nothing to a Unix socket and is not held against it.
 */
public final class UnixSocketOptions {
    private UnixSocketOptions() {}

    /**
     * Refuses options a Unix socket cannot take, before any I/O.
     *
     * @param endpoint the {@code unix://} address, for the message
     * @param options the options
     * @param action what was being done: "connect to", "listen on"
     * @throws IllegalArgumentException naming the address and every option refused
     */
    public static void requireSupported(Endpoint endpoint, SocketOptions options, String action) {
        List<String> refused = refused(options);
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("Cannot " + action + " " + endpoint + ": Unix sockets do not take the socket option"
                    + (refused.size() == 1 ? " " : "s ") + String.join(", ", refused)
                    + "; set them only for tcp:// and tls:// connections");
        }
    }

    /**
     * Refuses listening-socket options a Unix listening socket cannot take, before any I/O.
     *
     * @param endpoint the {@code unix://} address, for the message
     * @param listenerOptions the options of the listening socket
     * @throws IllegalArgumentException naming the address and every option refused
     */
    public static void requireSupportedByListener(Endpoint endpoint, Map<SocketOption<?>, Object> listenerOptions) {
        List<String> refused = new ArrayList<>();
        for (SocketOption<?> option : listenerOptions.keySet()) {
            if (!SupportedSocketOptions.supports(Kind.UNIX_LISTENER, option)) {
                refused.add(option.name());
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("Cannot listen on " + endpoint + ": Unix listening sockets do not take the socket option"
                    + (refused.size() == 1 ? " " : "s ") + String.join(", ", refused));
        }
    }

    private static List<String> refused(SocketOptions options) {
        List<String> refused = new ArrayList<>();
        if (options.keepAlive()) {
            refused.add("keepAlive");
        }
        options.keepAliveIdle().ifPresent(idle -> refused.add("keepAliveIdle"));
        options.keepAliveInterval().ifPresent(interval -> refused.add("keepAliveInterval"));
        options.keepAliveCount().ifPresent(count -> refused.add("keepAliveCount"));
        options.trafficClass().ifPresent(value -> refused.add("trafficClass"));
        options.localAddress().ifPresent(address -> refused.add("localAddress"));
        if (options.reuseAddress()) {
            refused.add("reuseAddress");
        }
        if (options.sendBufferSize() > 0 && !SupportedSocketOptions.supports(Kind.UNIX, StandardSocketOptions.SO_SNDBUF)) {
            refused.add("sendBufferSize");
        }
        if (options.receiveBufferSize() > 0 && !SupportedSocketOptions.supports(Kind.UNIX, StandardSocketOptions.SO_RCVBUF)) {
            refused.add("receiveBufferSize");
        }
        if (options.linger().isPresent() && !SupportedSocketOptions.supports(Kind.UNIX, StandardSocketOptions.SO_LINGER)) {
            refused.add("linger");
        }
        for (SocketOption<?> option : options.options().keySet()) {
            if (!SupportedSocketOptions.supports(Kind.UNIX, option)) {
                refused.add(option.name());
            }
        }
        return refused;
    }

    /**
     * Sets the options a Unix socket takes on its channel.
     *
     * @param channel the channel
     * @param options options already {@linkplain #requireSupported checked}
     * @throws IOException if the channel refuses one; the message names it
     */
    public static void apply(NetworkChannel channel, SocketOptions options) throws IOException {
        if (options.sendBufferSize() > 0) {
            set(channel, StandardSocketOptions.SO_SNDBUF, options.sendBufferSize());
        }
        if (options.receiveBufferSize() > 0) {
            set(channel, StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
        }
        if (options.linger().isPresent()) {
            set(channel, StandardSocketOptions.SO_LINGER, (int) Math.min(65_535, options.linger().get().getSeconds()));
        }
        for (Map.Entry<SocketOption<?>, Object> option : options.options().entrySet()) {
            set(channel, option.getKey(), option.getValue());
        }
    }

    /**
     * Sets one option, with a message naming it when the channel refuses.
     *
     * @param channel the channel
     * @param option the option
     * @param value its value, of the option's type
     * @throws IOException if the channel refuses it
     */
    @SuppressWarnings("unchecked")
    public static <T> void set(NetworkChannel channel, SocketOption<T> option, Object value) throws IOException {
        try {
            channel.setOption(option, (T) value);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            SocketException refused = new SocketException("Cannot set socket option " + option.name() + " to " + value
                    + ": " + e.getMessage());
            refused.initCause(e);
            throw refused;
        }
    }
}
