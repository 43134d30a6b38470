package dev.shuttle.internal.io;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The socket options this platform's sockets take, asked once of each kind of socket, so that an
 * option nothing would take fails where it is configured. The extended options
 * ({@code jdk.net.ExtendedSocketOptions}: {@code TCP_KEEPIDLE} and friends) are found here by
 * name, so the module needs no {@code jdk.net} and a platform without them says so. When no
 * socket can be opened to ask (descriptors exhausted), every option passes here and the socket
 * itself refuses it later.
 */
public final class SupportedSocketOptions {
    /** The kinds of sockets options are set on. */
    public enum Kind {
        /** A connected TCP socket. */
        TCP("TCP sockets"),
        /** A TCP listening socket. */
        TCP_LISTENER("TCP listening sockets"),
        /** A connected Unix domain socket. */
        UNIX("Unix sockets"),
        /** A Unix domain listening socket. */
        UNIX_LISTENER("Unix listening sockets");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** {@return the kind in words, plural: "TCP sockets"} */
        public String description() {
            return description;
        }
    }

    private static final ConcurrentMap<Kind, Set<SocketOption<?>>> KNOWN = new ConcurrentHashMap<>();

    private SupportedSocketOptions() {}

    /**
     * {@return whether sockets of this kind take the option (also when that cannot be learnt)}
     *
     * @param kind the kind of socket
     * @param option the option
     */
    public static boolean supports(Kind kind, SocketOption<?> option) {
        Set<SocketOption<?>> known = of(kind);
        return known == null || known.contains(option);
    }

    /**
     * {@return the TCP socket option of this name, if this platform has it}
     *
     * @param name such as {@code TCP_KEEPIDLE}
     */
    @SuppressWarnings("unchecked")
    public static <T> Optional<SocketOption<T>> tcpOption(String name) {
        Set<SocketOption<?>> known = of(Kind.TCP);
        return known == null ? Optional.empty()
                : known.stream().filter(option -> option.name().equals(name)).map(option -> (SocketOption<T>) option).findFirst();
    }

    private static Set<SocketOption<?>> of(Kind kind) {
        Set<SocketOption<?>> known = KNOWN.get(kind);
        if (known == null) {
            known = ask(kind);
            if (known != null) {
                KNOWN.putIfAbsent(kind, known);
            }
        }
        return known;
    }

    private static Set<SocketOption<?>> ask(Kind kind) {
        try (NetworkChannel channel = switch (kind) {
            case TCP -> SocketChannel.open();
            case TCP_LISTENER -> ServerSocketChannel.open();
            case UNIX -> SocketChannel.open(StandardProtocolFamily.UNIX);
            case UNIX_LISTENER -> ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        }) {
            return Set.copyOf(channel.supportedOptions());
        } catch (UnsupportedOperationException e) {
            return Set.of(); // no Unix sockets on this platform: they take nothing
        } catch (IOException e) {
            return null; // cannot ask now; the socket will refuse what it does not take
        }
    }
}
