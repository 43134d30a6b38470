package dev.shuttle.internal.dropin;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.SocketOptions;
import dev.shuttle.internal.tcp.BoundChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link SocketImpl} of a {@link ShuttleSocket}: {@code connect} goes through a Shuttle
 * connector; once connected, every operation goes to the connected socket Shuttle returned. Before
 * that, options are remembered: those that matter before the bind or the TCP handshake (buffer
 * sizes, {@code TCP_NODELAY}, keep-alive, {@code SO_REUSEADDR}) become the connect's
 * {@link SocketOptions}; the others, named ones such as {@code TCP_KEEPIDLE} included, are set on
 * the connected socket.
 *
 * <p>{@code bind} binds at once, as the JDK's sockets do: a {@link BoundChannel} with the options
 * set so far takes the address and port (a port in use is a {@link java.net.BindException} there,
 * and {@code getLocalPort()} is the port bound from then on), and the connect is made from it.
 * Options set after the bind go to the bound socket as well.
 *
 * <p>{@link java.net.Socket} keeps the state (created, bound, connected, closed) and checks the
 * arguments; this class only does what its state allows.
 */
final class ShuttleSocketImpl extends SocketImpl {
    private final DropInConnector connector;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Integer, Object> pending = new LinkedHashMap<>();
    private final Map<SocketOption<?>, Object> pendingNamed = new LinkedHashMap<>();
    private volatile BoundChannel bound;
    private volatile ConnectAttempt attempt;
    private Endpoint remote;
    private volatile Socket delegate;
    /** The connection the delegate belongs to, closed with it. */
    private volatile Connection connection;
    private volatile boolean closed;

    ShuttleSocketImpl(DropInConnector connector) {
        this.connector = connector;
    }

    @Override
    protected void create(boolean stream) throws IOException {
        if (!stream) {
            throw new SocketException("A Shuttle socket is a stream (TCP) socket");
        }
    }

    @Override
    protected void connect(String host, int port) throws IOException {
        connect(InetSocketAddress.createUnresolved(host, port), 0);
    }

    @Override
    protected void connect(InetAddress address, int port) throws IOException {
        connect(new InetSocketAddress(address, port), 0);
    }

    @Override
    protected void connect(SocketAddress address, int timeout) throws IOException {
        var endpoint = SocketTarget.of(address);
        ConnectAttempt running = new ConnectAttempt();
        ConnectAttempt.Call call;
        lock.lock();
        try {
            if (closed) {
                throw new SocketException("Socket is closed");
            }
            // Socket.connect checks that it is not connected, but two threads may pass that check
            // at once: the JDK's own SocketImpl refuses the second, and so does this one.
            if (delegate != null) {
                throw new SocketException("Already connected: this socket is connected to " + remote
                        + ", so it cannot connect to " + endpoint);
            }
            if (attempt != null) {
                throw new SocketException("Connection in progress: this socket is connecting to " + remote
                        + ", so it cannot also connect to " + endpoint);
            }
            attempt = running;
            remote = endpoint;
            BoundChannel from = bound;
            if (from != null) {
                call = () -> connector.connect(endpoint, from);
            } else {
                SocketOptions options = connectOptions();
                call = () -> connector.connect(endpoint, options);
            }
        } finally {
            lock.unlock();
        }
        Socket socket;
        try {
            socket = adopt(running.run(endpoint, call, timeout), endpoint);
        } finally {
            // Only once the delegate is set: till then, another connect is still refused.
            attempt = null;
        }
        this.address = socket.getInetAddress();
        this.port = socket.getPort();
        this.localport = socket.getLocalPort();
    }

    /** Makes the connected socket this one's delegate, unless this socket was closed meanwhile. */
    private Socket adopt(Connection connection, Endpoint endpoint) throws IOException {
        lock.lock();
        try {
            Socket socket = connector.socketOf(connection, endpoint);
            if (closed) {
                connection.close();
                throw new SocketException("Socket closed while connecting to " + endpoint);
            }
            applyPending(socket);
            delegate = socket;
            this.connection = connection;
            return socket;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The options set so far that apply before the bind or the handshake, over the connector's. Read,
     * not taken: {@link #applyPending} sets them again on the connected socket, to no effect but
     * on a socket a later attempt of a bound socket opened.
     */
    private SocketOptions connectOptions() {
        SocketOptions.Builder builder = connector.options().socketOptions().toBuilder();
        if (pending.get(TCP_NODELAY) instanceof Boolean on) {
            builder.tcpNoDelay(on);
        }
        if (pending.get(SO_KEEPALIVE) instanceof Boolean on) {
            builder.keepAlive(on);
            if (!on) {
                // Keep-alive turned off on this socket: the connector's keep-alive tuning has nothing to tune.
                builder.keepAliveIdle(null).keepAliveInterval(null).keepAliveCount(0);
            }
        }
        if (pending.get(SO_SNDBUF) instanceof Integer size) {
            builder.sendBufferSize(size);
        }
        if (pending.get(SO_RCVBUF) instanceof Integer size) {
            builder.receiveBufferSize(size);
        }
        if (pending.get(SO_REUSEADDR) instanceof Boolean on) {
            builder.reuseAddress(on);
        }
        return builder.build();
    }

    private void applyPending(Socket socket) throws IOException {
        for (Map.Entry<Integer, Object> option : pending.entrySet()) {
            SocketOptionIds.set(socket, option.getKey(), option.getValue());
        }
        for (Map.Entry<SocketOption<?>, Object> option : pendingNamed.entrySet()) {
            setNamed(socket, option.getKey(), option.getValue());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void setNamed(Socket socket, SocketOption<T> name, Object value) throws IOException {
        socket.setOption(name, (T) value);
    }

    @Override
    protected void bind(InetAddress host, int port) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new SocketException("Socket is closed");
            }
            if (bound != null || attempt != null || delegate != null) {
                throw new SocketException("Already bound");
            }
            if (connector.isOver()) {
                if (host.isAnyLocalAddress() && port == 0) {
                    return; // any address, any port: what connecting through the connector does anyway
                }
                connector.checkCanBind();
            }
            BoundChannel channel = BoundChannel.bind(new InetSocketAddress(host, port), connectOptions());
            try {
                for (Map.Entry<SocketOption<?>, Object> option : pendingNamed.entrySet()) {
                    setNamed(channel.socketBeforeConnect(), option.getKey(), option.getValue());
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            bound = channel;
            localport = channel.localAddress().getPort();
        } finally {
            lock.unlock();
        }
    }

    /** {@return the bound socket while it is not connecting yet, to set and read options on, else {@code null}} */
    private Socket boundSocket() {
        BoundChannel channel = bound;
        return channel == null ? null : channel.socketBeforeConnect();
    }

    @Override
    protected void listen(int backlog) throws IOException {
        throw new SocketException("A Shuttle socket is a client socket: it cannot listen");
    }

    @Override
    protected void accept(SocketImpl s) throws IOException {
        throw new SocketException("A Shuttle socket is a client socket: it cannot accept");
    }

    @Override
    protected InputStream getInputStream() throws IOException {
        return ClosedChannels.input(connected().getInputStream());
    }

    @Override
    protected OutputStream getOutputStream() throws IOException {
        return ClosedChannels.output(connected().getOutputStream());
    }

    @Override
    protected int available() throws IOException {
        return connected().getInputStream().available();
    }

    @Override
    protected void close() throws IOException {
        Socket socket;
        lock.lock();
        try {
            closed = true;
            socket = delegate;
        } finally {
            lock.unlock();
        }
        ConnectAttempt running = attempt;
        if (running != null) {
            running.cancel();
        }
        BoundChannel channel = bound;
        try {
            if (channel != null) {
                channel.close(); // releases the port, unless a connect took the socket: then it is closed below, or when the connect fails
            }
        } finally {
            if (socket != null) {
                try {
                    socket.close();
                } finally {
                    Connection opened = connection;
                    if (opened != null) {
                        opened.close(); // what a decorating connector does on close (a tunnel, a pool) is done too
                    }
                }
            }
        }
    }

    boolean isClosed() {
        Socket socket = delegate;
        return closed || socket != null && socket.isClosed();
    }

    @Override
    protected void shutdownInput() throws IOException {
        connected().shutdownInput();
    }

    @Override
    protected void shutdownOutput() throws IOException {
        connected().shutdownOutput();
    }

    @Override
    protected boolean supportsUrgentData() {
        return true;
    }

    @Override
    protected void sendUrgentData(int data) throws IOException {
        connected().sendUrgentData(data);
    }

    @Override
    public void setOption(int optID, Object value) throws SocketException {
        lock.lock();
        try {
            Socket socket = delegate;
            if (socket != null) {
                SocketOptionIds.set(socket, optID, value);
            } else if (closed) {
                throw new SocketException("Socket is closed");
            } else {
                Socket boundSocket = boundSocket();
                if (boundSocket != null) {
                    SocketOptionIds.set(boundSocket, optID, value);
                }
                pending.put(optID, value);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Object getOption(int optID) throws SocketException {
        Socket socket = delegate;
        if (socket != null) {
            return SocketOptionIds.get(socket, optID);
        }
        lock.lock();
        try {
            Object value = pending.get(optID);
            if (value != null) {
                return value;
            }
            Socket boundSocket = boundSocket();
            if (boundSocket != null) {
                return SocketOptionIds.get(boundSocket, optID);
            }
            BoundChannel channel = bound;
            return SocketOptionIds.unconnectedDefault(optID, connector.options().socketOptions(),
                    channel == null ? null : channel.localAddress());
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected <T> void setOption(SocketOption<T> name, T value) throws IOException {
        lock.lock();
        try {
            Socket socket = delegate;
            if (socket != null) {
                socket.setOption(name, value);
            } else if (closed) {
                throw new SocketException("Socket is closed");
            } else if (SocketOptionIds.idOf(name) != null) {
                setOption(SocketOptionIds.idOf(name), SocketOptionIds.legacyValue(name, value));
            } else if (SocketOptionIds.supportedByTcpSockets().contains(name)) {
                // Such as TCP_KEEPIDLE: set on the socket once it is connected (and on the bound one).
                Socket boundSocket = boundSocket();
                if (boundSocket != null) {
                    boundSocket.setOption(name, value);
                }
                pendingNamed.put(name, java.util.Objects.requireNonNull(value, "value"));
            } else {
                throw new UnsupportedOperationException("'" + name + "' not supported");
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T> T getOption(SocketOption<T> name) throws IOException {
        Socket socket = delegate;
        if (socket != null) {
            return socket.getOption(name);
        }
        Integer id = SocketOptionIds.idOf(name);
        if (id == null) {
            lock.lock();
            try {
                Object value = pendingNamed.get(name);
                if (value != null) {
                    return (T) value;
                }
                Socket boundSocket = boundSocket();
                if (boundSocket != null) {
                    return boundSocket.getOption(name);
                }
            } finally {
                lock.unlock();
            }
            throw new UnsupportedOperationException("'" + name + "' cannot be read before the socket is connected,"
                    + " unless it was set");
        }
        return (T) SocketOptionIds.namedValue(name, getOption(id));
    }

    @Override
    protected Set<SocketOption<?>> supportedOptions() {
        Socket socket = delegate;
        if (socket != null) {
            return socket.supportedOptions();
        }
        return SocketOptionIds.supportedByTcpSockets();
    }

    private Socket connected() throws SocketException {
        Socket socket = delegate;
        if (socket == null) {
            throw new SocketException(closed ? "Socket is closed" : "Socket is not connected");
        }
        return socket;
    }

    @Override
    public String toString() {
        Socket socket = delegate;
        return socket == null ? "ShuttleSocketImpl[unconnected]" : "ShuttleSocketImpl[" + socket + "]";
    }
}
