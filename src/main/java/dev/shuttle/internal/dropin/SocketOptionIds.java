package dev.shuttle.internal.dropin;

import dev.shuttle.SocketOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.Map;

/**
 * Translates the integer option ids that {@link java.net.Socket} hands its {@code SocketImpl}
 * ({@link java.net.SocketOptions}) into calls on a connected socket, and answers them before the
 * socket is connected.
 */
final class SocketOptionIds {
    private static final Map<SocketOption<?>, Integer> IDS = Map.of(
            StandardSocketOptions.TCP_NODELAY, java.net.SocketOptions.TCP_NODELAY,
            StandardSocketOptions.SO_KEEPALIVE, java.net.SocketOptions.SO_KEEPALIVE,
            StandardSocketOptions.SO_SNDBUF, java.net.SocketOptions.SO_SNDBUF,
            StandardSocketOptions.SO_RCVBUF, java.net.SocketOptions.SO_RCVBUF,
            StandardSocketOptions.SO_REUSEADDR, java.net.SocketOptions.SO_REUSEADDR,
            StandardSocketOptions.SO_LINGER, java.net.SocketOptions.SO_LINGER,
            StandardSocketOptions.IP_TOS, java.net.SocketOptions.IP_TOS);

    private SocketOptionIds() {}

    static Integer idOf(SocketOption<?> name) {
        return IDS.get(name);
    }

    /** SO_LINGER is an Integer (seconds, negative for off) as a named option, Boolean false or Integer as an id. */
    static Object legacyValue(SocketOption<?> name, Object value) {
        if (name == StandardSocketOptions.SO_LINGER && value instanceof Integer seconds && seconds < 0) {
            return Boolean.FALSE;
        }
        return value;
    }

    static Object namedValue(SocketOption<?> name, Object value) {
        if (name == StandardSocketOptions.SO_LINGER && value instanceof Boolean) {
            return -1;
        }
        return value;
    }

    static void set(Socket socket, int id, Object value) throws SocketException {
        switch (id) {
            case java.net.SocketOptions.SO_TIMEOUT -> socket.setSoTimeout((Integer) value);
            case java.net.SocketOptions.TCP_NODELAY -> socket.setTcpNoDelay((Boolean) value);
            case java.net.SocketOptions.SO_KEEPALIVE -> socket.setKeepAlive((Boolean) value);
            case java.net.SocketOptions.SO_SNDBUF -> socket.setSendBufferSize((Integer) value);
            case java.net.SocketOptions.SO_RCVBUF -> socket.setReceiveBufferSize((Integer) value);
            case java.net.SocketOptions.SO_REUSEADDR -> socket.setReuseAddress((Boolean) value);
            case java.net.SocketOptions.SO_OOBINLINE -> socket.setOOBInline((Boolean) value);
            case java.net.SocketOptions.IP_TOS -> socket.setTrafficClass((Integer) value);
            case java.net.SocketOptions.SO_LINGER -> {
                if (value instanceof Integer seconds) {
                    socket.setSoLinger(true, seconds);
                } else {
                    socket.setSoLinger(false, 0);
                }
            }
            default -> throw new SocketException("Unsupported socket option id " + id);
        }
    }

    static Object get(Socket socket, int id) throws SocketException {
        return switch (id) {
            case java.net.SocketOptions.SO_TIMEOUT -> socket.getSoTimeout();
            case java.net.SocketOptions.TCP_NODELAY -> socket.getTcpNoDelay();
            case java.net.SocketOptions.SO_KEEPALIVE -> socket.getKeepAlive();
            case java.net.SocketOptions.SO_SNDBUF -> socket.getSendBufferSize();
            case java.net.SocketOptions.SO_RCVBUF -> socket.getReceiveBufferSize();
            case java.net.SocketOptions.SO_REUSEADDR -> socket.getReuseAddress();
            case java.net.SocketOptions.SO_OOBINLINE -> socket.getOOBInline();
            case java.net.SocketOptions.IP_TOS -> socket.getTrafficClass();
            case java.net.SocketOptions.SO_LINGER -> {
                int seconds = socket.getSoLinger();
                yield seconds < 0 ? (Object) Boolean.FALSE : (Object) seconds;
            }
            case java.net.SocketOptions.SO_BINDADDR -> socket.getLocalAddress();
            default -> throw new SocketException("Unsupported socket option id " + id);
        };
    }

    /** What an unconnected socket reports: what its connect will use, else the JDK's defaults. */
    static Object unconnectedDefault(int id, SocketOptions options, InetSocketAddress localBind) throws SocketException {
        return switch (id) {
            case java.net.SocketOptions.SO_TIMEOUT, java.net.SocketOptions.IP_TOS -> 0;
            case java.net.SocketOptions.TCP_NODELAY -> options.tcpNoDelay();
            case java.net.SocketOptions.SO_KEEPALIVE -> options.keepAlive();
            case java.net.SocketOptions.SO_SNDBUF -> options.sendBufferSize() > 0 ? options.sendBufferSize() : SystemBuffers.SEND;
            case java.net.SocketOptions.SO_RCVBUF -> options.receiveBufferSize() > 0 ? options.receiveBufferSize() : SystemBuffers.RECEIVE;
            case java.net.SocketOptions.SO_REUSEADDR -> options.reuseAddress();
            case java.net.SocketOptions.SO_OOBINLINE -> false;
            case java.net.SocketOptions.SO_LINGER -> Boolean.FALSE;
            case java.net.SocketOptions.SO_BINDADDR -> localBind != null ? localBind.getAddress() : anyLocal();
            default -> throw new SocketException("Unsupported socket option id " + id);
        };
    }

    /** The system's default buffer sizes of a new TCP socket, read once from a socket opened for it. */
    private static final class SystemBuffers {
        static final int SEND;
        static final int RECEIVE;

        static {
            int send = 0;
            int receive = 0;
            try (java.nio.channels.SocketChannel probe = java.nio.channels.SocketChannel.open()) {
                send = probe.getOption(StandardSocketOptions.SO_SNDBUF);
                receive = probe.getOption(StandardSocketOptions.SO_RCVBUF);
            } catch (java.io.IOException e) {
                // No socket to ask: report 0, "unknown", as a socket that cannot be created would.
            }
            SEND = send;
            RECEIVE = receive;
        }
    }

    /** {@return the options a JDK TCP socket supports, standard and extended, asked once of a socket opened for it} */
    static java.util.Set<SocketOption<?>> supportedByTcpSockets() {
        return TcpSocketOptions.SUPPORTED;
    }

    private static final class TcpSocketOptions {
        static final java.util.Set<SocketOption<?>> SUPPORTED;

        static {
            java.util.Set<SocketOption<?>> supported;
            try (java.nio.channels.SocketChannel probe = java.nio.channels.SocketChannel.open()) {
                supported = java.util.Set.copyOf(probe.socket().supportedOptions());
            } catch (java.io.IOException e) {
                supported = java.util.Set.copyOf(IDS.keySet());
            }
            SUPPORTED = supported;
        }
    }

    private static InetAddress anyLocal() {
        return new InetSocketAddress(0).getAddress();
    }
}
