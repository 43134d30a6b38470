package dev.shuttle.internal.tcp;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.SocketOptions;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP socket bound to a local address before it connects, as {@link Socket#bind} leaves one:
 * the port is taken at the bind (a port in use is a {@link BindException} there), and every
 * connect attempt is made from that address and port.
 *
 * <p>The bound address fixes what the socket can reach: a specific IPv4 address only IPv4
 * addresses, a specific IPv6 address only IPv6 ones; a wildcard address binds a dual-stack
 * socket, as the JDK's sockets do, which reaches both (IPv4 only where the system has no IPv6).
 *
 * <p>The first attempt connects the bound channel itself. A failed connect closes a socket, so a
 * later attempt takes a new channel bound to the same address and port, which the failed one has
 * just released; attempts therefore run one at a time, never side by side. Whoever takes a
 * channel owns it; {@link #close()} closes the bound channel if no attempt took it.
 */
public final class BoundChannel implements AutoCloseable {
    private final SocketOptions options;
    private final InetSocketAddress local;
    private final StandardProtocolFamily family;
    private final boolean dualStack;
    private final ReentrantLock lock = new ReentrantLock();
    private SocketChannel untaken;
    private boolean taken;
    private boolean closed;

    private BoundChannel(SocketChannel channel, SocketOptions options, StandardProtocolFamily family) throws IOException {
        this.untaken = channel;
        this.options = options;
        this.family = family;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.dualStack = family == null && local.getAddress() instanceof Inet6Address;
    }

    /**
     * Opens a TCP socket, applies the options and binds it.
     *
     * @param requested the local address: a resolved address, port 0 for an ephemeral port; a
     *     wildcard address for any local address
     * @param options the socket options, applied before the bind (its own local address is ignored)
     * @return the bound socket
     * @throws BindException if the address is in use or not local
     * @throws IOException if the socket could not be opened or bound
     */
    public static BoundChannel bind(InetSocketAddress requested, SocketOptions options) throws IOException {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(options, "options");
        InetAddress address = requested.getAddress();
        StandardProtocolFamily family = address == null || address.isAnyLocalAddress() ? null
                : address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        return new BoundChannel(open(family, requested, options), options, family);
    }

    /** A channel of the family (the system's default, dual-stack where it can, for none), with the options, bound. */
    private static SocketChannel open(StandardProtocolFamily family, InetSocketAddress address, SocketOptions options)
            throws IOException {
        SocketChannel channel = family == null ? SocketChannel.open() : SocketChannel.open(family);
        try {
            SocketSetup.apply(channel.socket(), options);
            channel.bind(address);
            return channel;
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    /** {@return the address and port bound (the ephemeral port chosen for port 0)} */
    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * {@return the bound socket while no connect attempt has taken it (to set and read options
     * before the connect), else {@code null}}
     */
    public Socket socketBeforeConnect() {
        lock.lock();
        try {
            return untaken == null ? null : untaken.socket();
        } finally {
            lock.unlock();
        }
    }

    /** {@return the families this socket can connect to} */
    public Set<StandardProtocolFamily> families() {
        if (dualStack) {
            return Set.of(StandardProtocolFamily.INET6, StandardProtocolFamily.INET);
        }
        return Set.of(family != null ? family : StandardProtocolFamily.INET);
    }

    /**
     * {@return whether this socket can connect to the address}
     *
     * @param address an IP address
     */
    public boolean reaches(InetAddress address) {
        return families().contains(address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
    }

    /**
     * {@return the failure of a connect to an address this socket cannot {@linkplain #reaches reach}}
     *
     * @param endpoint where the connect was going
     */
    public SocketException unreachable(Endpoint endpoint) {
        return new SocketException("Connection to " + endpoint + " failed: " + reachOnly());
    }

    /**
     * {@return why this socket reaches only the addresses of its family, as the end of a sentence:
     * "this socket is bound to 127.0.0.1:5000, an IPv4 address, so it reaches IPv4 addresses only"}
     */
    public String reachOnly() {
        String only = families().contains(StandardProtocolFamily.INET6) ? "IPv6" : "IPv4";
        String bound = Endpoint.of(Scheme.TCP, local).toString().substring("tcp://".length());
        return "this socket is bound to " + bound + ", " + (family == null ? "the wildcard address of an " + only + "-only system"
                : "an " + only + " address") + ", so it reaches " + only + " addresses only";
    }

    /**
     * Connects from the bound address to a resolved address, within a timeout; interruptible (the
     * socket is then closed).
     *
     * @param endpoint the endpoint named in errors
     * @param address where to connect
     * @param timeoutMillis the longest the connect may take, or 0 for no limit
     * @return the connection, which the caller owns
     * @throws SocketException if the address is of a family this socket cannot reach, or this
     *     was closed
     * @throws BindException if a later attempt could not bind the address and port again
     * @throws IOException as {@link TcpConnector#connect(Endpoint, InetSocketAddress, int)};
     *     nothing is left open
     */
    public Connection connect(Endpoint endpoint, InetSocketAddress address, int timeoutMillis) throws IOException {
        if (!reaches(address.getAddress())) {
            throw unreachable(endpoint);
        }
        return TcpConnector.closingOnFailure(endpoint, take(endpoint), channel -> {
            channel.socket().connect(address, timeoutMillis);
            return new SocketConnection(channel.socket(), Scheme.TCP);
        });
    }

    /** The bound channel for the first attempt, a new one bound to the same address and port for each later one. */
    private SocketChannel take(Endpoint endpoint) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new SocketException("Connection to " + endpoint + " failed: the socket is closed");
            }
            if (!taken) {
                taken = true;
                SocketChannel first = untaken;
                untaken = null;
                return first;
            }
        } finally {
            lock.unlock();
        }
        try {
            return open(family, local, options);
        } catch (IOException e) {
            BindException failure = new BindException("Connection to " + endpoint + " failed: cannot bind "
                    + Endpoint.of(Scheme.TCP, local).toString().substring("tcp://".length())
                    + " again after the attempt before failed: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    /** Closes the bound channel unless a connect attempt took it; later attempts are refused. */
    @Override
    public void close() throws IOException {
        SocketChannel channel;
        lock.lock();
        try {
            closed = true;
            channel = untaken;
            untaken = null;
        } finally {
            lock.unlock();
        }
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "BoundChannel[" + local + "]";
    }
}
