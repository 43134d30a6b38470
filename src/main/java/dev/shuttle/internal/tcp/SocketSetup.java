package dev.shuttle.internal.tcp;

import dev.shuttle.SocketOptions;
import dev.shuttle.internal.io.SupportedSocketOptions;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketOption;
import java.time.Duration;
import java.util.Map;

/** Applies {@link SocketOptions} to a socket. */
public final class SocketSetup {
    private SocketSetup() {}

    /**
     * Applies the options that a socket takes after it is created (all but the local address):
     * the named ones, then the generic ones, which may override them.
     *
     * @param socket the socket
     * @param options the options
     * @throws IOException if the socket refuses one; the message names it
     */
    public static void apply(Socket socket, SocketOptions options) throws IOException {
        socket.setTcpNoDelay(options.tcpNoDelay());
        if (options.keepAlive()) {
            socket.setKeepAlive(true);
        }
        if (options.sendBufferSize() > 0) {
            socket.setSendBufferSize(options.sendBufferSize());
        }
        if (options.receiveBufferSize() > 0) {
            socket.setReceiveBufferSize(options.receiveBufferSize());
        }
        if (options.reuseAddress()) {
            socket.setReuseAddress(true);
        }
        applyTuning(socket, options);
    }

    private static void applyTuning(Socket socket, SocketOptions options) throws IOException {
        if (options.keepAliveIdle().isPresent()) {
            setExtended(socket, "TCP_KEEPIDLE", seconds(options.keepAliveIdle().get()));
        }
        if (options.keepAliveInterval().isPresent()) {
            setExtended(socket, "TCP_KEEPINTERVAL", seconds(options.keepAliveInterval().get()));
        }
        if (options.keepAliveCount().isPresent()) {
            setExtended(socket, "TCP_KEEPCOUNT", options.keepAliveCount().getAsInt());
        }
        if (options.linger().isPresent()) {
            socket.setSoLinger(true, seconds(options.linger().get()));
        }
        if (options.trafficClass().isPresent()) {
            socket.setTrafficClass(options.trafficClass().getAsInt());
        }
        for (Map.Entry<SocketOption<?>, Object> option : options.options().entrySet()) {
            set(socket, option.getKey(), option.getValue());
        }
    }

    private static void setExtended(Socket socket, String name, int value) throws IOException {
        SocketOption<Integer> option = SupportedSocketOptions.<Integer>tcpOption(name).orElseThrow(
                () -> new SocketException("Socket option " + name + " is not supported on this platform"));
        set(socket, option, value);
    }

    /**
     * Sets one option, with a message naming it when the socket refuses.
     *
     * @param socket the socket
     * @param option the option
     * @param value its value, of the option's type
     * @throws IOException if the socket refuses it
     */
    @SuppressWarnings("unchecked")
    public static <T> void set(Socket socket, SocketOption<T> option, Object value) throws IOException {
        try {
            socket.setOption(option, (T) value);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            SocketException refused = new SocketException("Cannot set socket option " + option.name() + " to " + value
                    + ": " + e.getMessage());
            refused.initCause(e);
            throw refused;
        }
    }

    private static int seconds(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.getSeconds());
    }
}
