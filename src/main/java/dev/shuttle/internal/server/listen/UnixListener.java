package dev.shuttle.internal.server.listen;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.ServerOptions;
import dev.shuttle.internal.io.ConnectFailures;
import dev.shuttle.internal.unix.ChannelConnection;
import dev.shuttle.internal.unix.UnixSocketOptions;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A Unix domain {@link ServerSocketChannel}. Binding replaces a stale socket file left by a dead
 * process; a path held by a live server, or a file that is not a socket, is a
 * {@link BindException}. Closing removes the socket file.
 */
public final class UnixListener implements Listener {
    private final ServerSocketChannel channel;
    private final Endpoint address;
    private final Path path;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final dev.shuttle.SocketOptions connectionOptions;

    private UnixListener(ServerSocketChannel channel, Endpoint address, dev.shuttle.SocketOptions connectionOptions) {
        this.channel = channel;
        this.address = address;
        this.path = address.path();
        this.connectionOptions = connectionOptions;
    }

    /**
     * Binds a Unix domain listening socket, removing a stale socket file left at its path.
     *
     * @param endpoint the {@code unix://} endpoint
     * @param options the server's options
     * @return the listener
     * @throws IOException if binding failed
     */
    public static UnixListener bind(Endpoint endpoint, ServerOptions options) throws IOException {
        Path path = endpoint.path();
        UnixSocketOptions.requireSupported(endpoint, options.connectionOptions(), "listen on");
        UnixSocketOptions.requireSupportedByListener(endpoint, options.listenerOptions());
        removeStaleSocket(endpoint, path);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            for (var option : options.listenerOptions().entrySet()) {
                UnixSocketOptions.set(channel, option.getKey(), option.getValue());
            }
            channel.bind(UnixDomainSocketAddress.of(path), options.backlog());
            return new UnixListener(channel, endpoint, options.connectionOptions());
        } catch (IOException e) {
            channel.close();
            throw ConnectFailures.listenFailed(endpoint, e);
        } catch (RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    private static void removeStaleSocket(Endpoint endpoint, Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return;
        }
        if (!attributes.isOther()) {
            throw new BindException("Cannot listen on " + endpoint + ": " + path + " exists and is not a socket");
        }
        // Non-blocking: a live server that does not accept, its backlog full, must not hang the probe.
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.configureBlocking(false);
            probe.connect(UnixDomainSocketAddress.of(path)); // connected, or pending: someone listens
        } catch (ConnectException stale) {
            // Nobody listens: the file was left by a process that died. Replace it.
            Files.deleteIfExists(path);
            return;
        } catch (IOException e) {
            // A full backlog (EAGAIN), no permission: there may be a server; never remove its file.
            BindException unsure = new BindException("Cannot listen on " + endpoint + ": " + path
                    + " is a socket that could not be probed for a running server (" + e.getMessage()
                    + "); remove it if no server uses it");
            unsure.initCause(e);
            throw unsure;
        }
        throw new BindException("Cannot listen on " + endpoint + ": " + path + " is held by a running server");
    }

    @Override
    public Connection accept() throws IOException {
        SocketChannel client = channel.accept();
        try {
            UnixSocketOptions.apply(client, connectionOptions);
            return new ChannelConnection(client);
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
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // The descriptor is released even when close reports an error.
        }
        // Also when an interrupt already closed the channel: the file is still ours to remove.
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A socket file we cannot remove is replaced as stale by the next bind.
        }
    }
}
