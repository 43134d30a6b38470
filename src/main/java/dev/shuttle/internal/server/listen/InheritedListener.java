package dev.shuttle.internal.server.listen;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.ServerOptions;
import dev.shuttle.internal.tcp.SocketConnection;
import dev.shuttle.internal.tcp.SocketSetup;
import dev.shuttle.internal.unix.ChannelConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * The listening socket this process inherited on its standard input ({@link
 * System#inheritedChannel()}): what systemd passes with {@code StandardInput=socket}, or inetd in
 * {@code wait} mode. TCP or Unix; already bound, so it is only accepted from and closed.
 */
public final class InheritedListener implements Listener {
    private final ServerSocketChannel channel;
    private final ServerOptions options;
    private final Endpoint address;
    private final boolean unix;

    private InheritedListener(ServerSocketChannel channel, ServerOptions options) throws IOException {
        this.channel = channel;
        this.options = options;
        SocketAddress local = channel.getLocalAddress();
        this.unix = local instanceof UnixDomainSocketAddress;
        this.address = switch (local) {
            case UnixDomainSocketAddress path -> Endpoint.of(path);
            case InetSocketAddress inet -> Endpoint.of(Scheme.TCP, inet);
            default -> throw new IOException("The inherited listening socket has an address of unknown kind: " + local);
        };
    }

    /**
     * Takes the inherited listening socket; for TLS over TCP, one whose address is {@code tls://}.
     *
     * @param options the server's options
     * @param tls whether the server speaks TLS
     * @return the listener
     * @throws IOException if there is no inherited listening socket
     */
    public static Listener inherit(ServerOptions options, boolean tls) throws IOException {
        Objects.requireNonNull(options, "options");
        Channel inherited = System.inheritedChannel();
        if (!(inherited instanceof ServerSocketChannel listening)) {
            throw new IOException("Cannot serve on an inherited socket: the standard input of this process is "
                    + (inherited == null ? "not a socket" : "a " + kind(inherited) + ", not a listening socket")
                    + " (with systemd, set StandardInput=socket in the service and Accept=no in the socket unit)");
        }
        if (!listening.isBlocking()) {
            listening.configureBlocking(true);
        }
        InheritedListener listener = new InheritedListener(listening, options);
        if (listener.unix) {
            try {
                dev.shuttle.internal.unix.UnixSocketOptions.requireSupported(listener.address, options.connectionOptions(), "serve on");
            } catch (IllegalArgumentException e) {
                listener.close();
                throw e;
            }
        }
        return tls && !listener.unix ? new TlsListener(listener) : listener;
    }

    private static String kind(Channel channel) {
        return channel instanceof SocketChannel ? "connected socket (inetd nowait mode)" : channel.getClass().getSimpleName();
    }

    @Override
    public Connection accept() throws IOException {
        SocketChannel client = channel.accept();
        try {
            if (unix) {
                dev.shuttle.internal.unix.UnixSocketOptions.apply(client, options.connectionOptions());
                return new ChannelConnection(client);
            }
            SocketSetup.apply(client.socket(), options.connectionOptions());
            return new SocketConnection(client.socket(), Scheme.TCP);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public Endpoint address() {
        return address;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The descriptor is released even when close reports an error.
        }
    }
}
