package dev.shuttle.internal.server.listen;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.ServerOptions;
import dev.shuttle.internal.io.ConnectFailures;
import dev.shuttle.internal.tcp.SocketConnection;
import dev.shuttle.internal.tcp.SocketSetup;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/** A TCP {@link ServerSocket} (of a {@link ServerSocketChannel}), with the options of {@link ServerOptions}. */
public final class TcpListener implements Listener {
    private final ServerSocket socket;
    private final ServerOptions options;
    private final Endpoint address;

    private TcpListener(ServerSocket socket, ServerOptions options) {
        this.socket = socket;
        this.options = options;
        this.address = Endpoint.of(Scheme.TCP, (InetSocketAddress) socket.getLocalSocketAddress());
    }

    /**
     * Binds a TCP listening socket with the server's socket options.
     *
     * @param endpoint the URI asked for, for messages
     * @param address the local address to bind
     * @param options the server's options
     * @return the listener
     * @throws IOException if binding failed
     */
    public static TcpListener bind(Endpoint endpoint, InetSocketAddress address, ServerOptions options) throws IOException {
        // A channel's socket, so that accepted sockets have channels that can wait in a selector
        // (Server.serveWhenReadable); as a ServerSocket it behaves as any other.
        ServerSocket socket = ServerSocketChannel.open().socket();
        try {
            socket.setReuseAddress(options.reuseAddress());
            if (options.reusePort()) {
                socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            if (options.connectionOptions().receiveBufferSize() > 0) {
                // Must be set before bind to take effect for windows above 64 KiB.
                socket.setReceiveBufferSize(options.connectionOptions().receiveBufferSize());
            }
            for (var option : options.listenerOptions().entrySet()) {
                if (!dev.shuttle.internal.io.SupportedSocketOptions.supports(
                        dev.shuttle.internal.io.SupportedSocketOptions.Kind.TCP_LISTENER, option.getKey())) {
                    throw new IllegalArgumentException("Cannot listen on " + endpoint + ": TCP listening sockets do not take the socket option "
                            + option.getKey().name());
                }
                setOption(socket, option.getKey(), option.getValue());
            }
            socket.bind(address, options.backlog());
            return new TcpListener(socket, options);
        } catch (IOException e) {
            socket.close();
            throw ConnectFailures.listenFailed(endpoint, e);
        } catch (RuntimeException | Error e) {
            socket.close();
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void setOption(ServerSocket socket, java.net.SocketOption<T> option, Object value) throws IOException {
        try {
            socket.setOption(option, (T) value);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            java.net.SocketException refused = new java.net.SocketException("Cannot set socket option " + option.name()
                    + " to " + value + " on the listening socket: " + e.getMessage());
            refused.initCause(e);
            throw refused;
        }
    }

    @Override
    public Connection accept() throws IOException {
        while (true) {
            Socket client = socket.accept();
            try {
                if (options.ipv6Only() && client.getInetAddress() instanceof Inet4Address) {
                    client.close();
                    continue;
                }
                SocketSetup.apply(client, options.connectionOptions());
                return new SocketConnection(client, Scheme.TCP);
            } catch (IOException | RuntimeException e) {
                client.close();
                throw e;
            }
        }
    }

    @Override
    public Endpoint address() {
        return address;
    }

    @Override
    public boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // The descriptor is released even when close reports an error.
        }
    }
}
