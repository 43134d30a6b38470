package dev.shuttle.dropin;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.SocketOptions;
import dev.shuttle.internal.dropin.DropInConnector;
import dev.shuttle.internal.dropin.ShuttleSocket;
import dev.shuttle.internal.dropin.SocketHost;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;

/**
 * A {@link SocketFactory} whose sockets connect through Shuttle: hostnames resolved by Shuttle's
 * cached DNS resolver, the addresses raced with happy eyeballs (RFC 8305), the connect under a
 * timeout. For libraries that take a {@code SocketFactory} (JDBC drivers, mail, Redis clients,
 * OkHttp), with no change to their code.
 *
 * <p>Every socket it returns is an ordinary {@link Socket}: streams, options,
 * {@code SO_TIMEOUT}, half-close, {@code isConnected()} and {@code close()} behave as the JDK's.
 * {@link #createSocket()} returns an unconnected socket whose
 * {@link Socket#connect(java.net.SocketAddress, int) connect(address, timeout)} goes through
 * Shuttle, which is how most libraries connect:
 * <ul>
 * <li>an unresolved address ({@code InetSocketAddress.createUnresolved("db.example", 5432)}) is
 *     connected to by name: Shuttle looks the name up and races all of its addresses;</li>
 * <li>a resolved address is connected to at its IP address, whatever hostname it carries: the
 *     caller (or the JDK's resolver, for {@code new InetSocketAddress("db.example", 5432)})
 *     chose it, and Shuttle does not resolve the name again. Such a connect still gets Shuttle's
 *     timeout, socket options, listener events and errors; to have Shuttle's DNS answer the
 *     JDK's lookups too, enable the resolver hook ({@code -Ddev.shuttle.resolver=enable});</li>
 * <li>the timeout given to {@code connect} bounds it, as does the connector's own
 *     {@link ConnectorOptions#connectTimeout() connectTimeout} (10 s by default), whichever passes
 *     first;</li>
 * <li>options set before the connect apply: receive and send buffer sizes, {@code TCP_NODELAY},
 *     keep-alive and {@code SO_REUSEADDR} before the bind and the TCP handshake, the others (named
 *     ones such as {@code TCP_KEEPIDLE} included) right after;</li>
 * <li>{@code bind} binds at once, as the JDK's sockets do: a port in use is a
 *     {@link java.net.BindException} there, {@code getLocalPort()} is the bound (or ephemeral)
 *     port from then on, and the connection comes from that address and port; {@code close()} or
 *     a failed connect releases it. The bound address fixes the family: a socket bound to an IPv4
 *     address connects to IPv4 addresses only, and an IPv6 address (or a name with IPv6 addresses
 *     only) is a {@link java.net.SocketException} saying so, and the other way round; a wildcard
 *     address reaches both. One local port cannot make two attempts at once, so a bound socket
 *     tries a name's addresses one after another instead of racing them.</li>
 * </ul>
 * Closing the socket from another thread aborts a connect in progress, which then throws
 * {@link java.net.SocketException}; interrupting the connecting thread aborts it with an
 * {@link java.io.InterruptedIOException}, the interrupt flag kept. Failures keep their
 * {@code java.net} types: {@link java.net.ConnectException}, {@link java.net.SocketTimeoutException},
 * {@link java.net.UnknownHostException}. Sockets have {@code TCP_NODELAY} on, Shuttle's default
 * ({@link SocketOptions#tcpNoDelay()}).
 *
 * <p>Libraries that instantiate the factory from its class name use the public no-argument
 * constructor (the default options) or the {@link #ShuttleSocketFactory(String)} constructor,
 * which takes options (or a connector, such as a proxy's) {@linkplain #register registered} under
 * a name:
 *
 * {@snippet :
 * ShuttleSocketFactory.register("db", ConnectorOptions.builder()
 *         .connectTimeout(Duration.ofSeconds(3))
 *         .build());
 * Connection jdbc = DriverManager.getConnection(
 *         "jdbc:postgresql://db.example/app?socketFactory=dev.shuttle.dropin.ShuttleSocketFactory&socketFactoryArg=db",
 *         user, password);
 * }
 *
 * <p>Thread-safe; one factory may serve every connection of an application.
 */
public final class ShuttleSocketFactory extends SocketFactory {
    private static final Map<String, Registered> REGISTERED = new ConcurrentHashMap<>();

    /** What is registered under a name: options, or a connector to build the factory {@linkplain #over over}. */
    private record Registered(ConnectorOptions options, Connector connector) {}

    private final DropInConnector connector;

    /** Creates a factory with the {@linkplain ConnectorOptions#defaults() default options}. */
    public ShuttleSocketFactory() {
        this(ConnectorOptions.defaults());
    }

    /**
     * Creates a factory with the options, or over the connector, {@linkplain #register registered}
     * under a name, for libraries that instantiate a factory from its class name and one string
     * (pgjdbc's {@code socketFactoryArg}).
     *
     * @param name the name given to {@link #register}, or {@code null} for the default options
     * @throws IllegalArgumentException if nothing is registered under the name
     */
    public ShuttleSocketFactory(String name) {
        this(name == null ? new DropInConnector(ConnectorOptions.defaults()) : registration(name));
    }

    private ShuttleSocketFactory(ConnectorOptions options) {
        this(new DropInConnector(options));
    }

    private ShuttleSocketFactory(DropInConnector connector) {
        this.connector = connector;
    }

    /**
     * Returns a factory whose sockets connect with these options (DNS, timeout, happy eyeballs,
     * socket options, listener).
     *
     * @param options the options
     * @return the factory
     * @throws NullPointerException if {@code options} is null
     */
    public static ShuttleSocketFactory create(ConnectorOptions options) {
        return new ShuttleSocketFactory(Objects.requireNonNull(options, "options"));
    }

    /**
     * Returns a factory whose sockets connect through the given connector, so that a library's
     * sockets go where that connector sends them: through a SOCKS or HTTP CONNECT proxy
     * ({@code ProxyConnectors.through} in the proxy package), some hosts through a proxy and the rest
     * direct ({@link dev.shuttle.Connectors#selective()}), with retries or a timeout of its own.
     *
     * {@snippet :
     * SocketFactory viaProxy = ShuttleSocketFactory.over(
     *         ProxyConnectors.through("socks5://127.0.0.1:1080", Connector.create()));
     * Socket socket = viaProxy.createSocket("db.internal", 5432); // the proxy resolves db.internal
     * }
     *
     * <p>Each connect asks the connector for {@code tcp://host:port}: a hostname (from
     * {@code createSocket(String, int)} or an unresolved {@code InetSocketAddress}) is handed to it
     * as a name, so a proxy connector lets the proxy resolve it; an {@code InetAddress} is handed
     * to it as an IP address. The rest is as for the other factories, with these differences:
     * <ul>
     * <li>the connector's connection must be carried by a TCP socket: a tunnel through a
     *     {@code socks5://}, {@code socks4a://} or {@code http://} proxy is that socket to the proxy;
     *     a tunnel through an {@code https://} proxy runs inside the TLS to the proxy, so its socket
     *     reads and writes through that TLS, takes its options on the TCP socket to the proxy, and has
     *     no channel, no urgent data and no input shut alone. A connection that is neither (to a Unix
     *     socket) fails the connect with a {@link java.net.SocketException} saying so;</li>
     * <li>{@code getInetAddress()} and {@code getPort()} are those of that TCP connection: the
     *     proxy's, for a tunnel;</li>
     * <li>the connector decides how and from where to connect: binding the socket to a local
     *     address, or a {@code createSocket} overload given one, is a
     *     {@link java.net.SocketException} before anything is opened (binding to the wildcard
     *     address and port 0 is accepted, as it changes nothing);</li>
     * <li>socket options set before the connect are set on the connected socket, so buffer sizes
     *     come after the TCP handshake;</li>
     * <li>the timeout given to {@code connect} bounds the whole connect, tunnel set-up included,
     *     as does whatever timeout the connector has ({@code ProxyConnectors}' 10 s by default);
     *     {@link #options()} are the defaults, which the connector does not read.</li>
     * </ul>
     *
     * @param connector what every socket connects through
     * @return the factory
     * @throws NullPointerException if {@code connector} is null
     */
    public static ShuttleSocketFactory over(Connector connector) {
        return new ShuttleSocketFactory(DropInConnector.over(Objects.requireNonNull(connector, "connector")));
    }

    /**
     * Registers options under a name for {@link #ShuttleSocketFactory(String)}, replacing what
     * was registered under it. Factories created before keep their options.
     *
     * @param name any non-blank name
     * @param options the options
     * @throws IllegalArgumentException if the name is blank
     * @throws NullPointerException if an argument is null
     */
    public static void register(String name, ConnectorOptions options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        REGISTERED.put(name, new Registered(options, null));
    }

    /**
     * Registers a connector under a name for {@link #ShuttleSocketFactory(String)}, which then
     * builds the factory {@linkplain #over over} it (a proxy connector, say), replacing what was
     * registered under the name. Factories created before keep theirs. Only this factory takes a
     * connector: {@code ShuttleSslSocketFactory} refuses a name a connector is registered under.
     *
     * {@snippet :
     * ShuttleSocketFactory.register("db", ProxyConnectors.through("socks5://10.0.0.5:1080", Connector.create()));
     * // then: jdbc:postgresql://db.internal/app?socketFactory=dev.shuttle.dropin.ShuttleSocketFactory&socketFactoryArg=db
     * }
     *
     * @param name any non-blank name
     * @param connector what the sockets of factories created under that name connect through
     * @throws IllegalArgumentException if the name is blank
     * @throws NullPointerException if an argument is null
     */
    public static void register(String name, Connector connector) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connector, "connector");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        REGISTERED.put(name, new Registered(null, connector));
    }

    private static DropInConnector registration(String name) {
        Registered registered = lookUp(name);
        return registered.connector() != null ? DropInConnector.over(registered.connector())
                : new DropInConnector(registered.options());
    }

    /**
     * {@return the options registered under a name, for {@code ShuttleSslSocketFactory}}
     *
     * @throws IllegalArgumentException if nothing, or a connector, is registered under the name
     */
    static ConnectorOptions registered(String name) {
        Registered registered = lookUp(name);
        if (registered.options() == null) {
            throw new IllegalArgumentException("A connector, not connector options, is registered under the name '" + name
                    + "': only ShuttleSocketFactory can use it; register ConnectorOptions under another name for"
                    + " ShuttleSslSocketFactory");
        }
        return registered.options();
    }

    private static Registered lookUp(String name) {
        Registered registered = REGISTERED.get(name);
        if (registered == null) {
            throw new IllegalArgumentException("No Shuttle connector options are registered under the name '" + name
                    + "': call ShuttleSocketFactory.register(\"" + name + "\", options) before the factory is created"
                    + " (registered: " + REGISTERED.keySet() + ")");
        }
        return registered;
    }

    /**
     * {@return the options of this factory's connects; the defaults for a factory
     * {@linkplain #over over a connector}, which connects with its own}
     */
    public ConnectorOptions options() {
        return connector.options();
    }

    /**
     * Returns an unconnected socket whose {@code connect} goes through Shuttle.
     *
     * @return the socket
     */
    @Override
    public Socket createSocket() {
        return ShuttleSocket.unconnected(connector);
    }

    /**
     * Connects to a host by name: Shuttle's DNS, happy eyeballs, and the connector's connect timeout.
     * Blocks until connected.
     *
     * @param host a hostname or IP literal, an IPv6 literal with or without brackets
     *     ({@code [::1]}, as {@link java.net.URI#getHost()} returns it); {@code null} or empty for
     *     the loopback address, as {@link InetAddress#getByName(String)} reads it
     * @param port 1 to 65535
     * @return the connected socket
     * @throws IllegalArgumentException if the port is out of range
     * @throws java.net.UnknownHostException if the name has no address
     * @throws java.net.ConnectException if every address refused
     * @throws java.net.SocketTimeoutException if the connect timeout passed
     * @throws java.io.InterruptedIOException if the calling thread was interrupted
     * @throws IOException for another failure
     */
    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connect(host(host, port), null);
    }

    /**
     * Connects to a host by name from a local address and port: the socket is bound first, as
     * {@link Socket#bind} binds (so a port in use is a {@link java.net.BindException} before any
     * attempt), and only addresses of the family the local address fixes are tried, one after
     * another. Blocks until connected.
     *
     * @param host a hostname or IP literal, as {@link #createSocket(String, int)} takes it
     * @param port 1 to 65535
     * @param localHost the local address to bind, or {@code null} for any
     * @param localPort the local port, or 0 for any
     * @return the connected socket
     * @throws IllegalArgumentException if a port is out of range
     * @throws IOException as {@link #createSocket(String, int)}, or a {@link java.net.BindException}
     */
    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connect(host(host, port), local(localHost, localPort));
    }

    /**
     * Connects to an address. Blocks until connected.
     *
     * @param address the address, connected to as it is (its hostname, if any, is not resolved again)
     * @param port 1 to 65535
     * @return the connected socket
     * @throws IllegalArgumentException if the address is null or the port out of range
     * @throws IOException as {@link #createSocket(String, int)}
     */
    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return connect(address(address, port), null);
    }

    /**
     * Connects to an address from a local address and port, bound first as
     * {@link #createSocket(String, int, InetAddress, int)} binds it. Blocks until connected.
     *
     * @param address the address
     * @param port 1 to 65535
     * @param localAddress the local address to bind, or {@code null} for any
     * @param localPort the local port, or 0 for any
     * @return the connected socket
     * @throws IllegalArgumentException if the address is null or a port out of range
     * @throws IOException as {@link #createSocket(String, int)}, or a {@link java.net.BindException}
     */
    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connect(address(address, port), local(localAddress, localPort));
    }

    private Socket connect(InetSocketAddress target, InetSocketAddress local) throws IOException {
        Socket socket = createSocket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(target);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static InetSocketAddress host(String host, int port) {
        return SocketHost.target(host, checkPort(port));
    }

    private static InetSocketAddress address(InetAddress address, int port) {
        if (address == null) {
            throw new IllegalArgumentException("address must not be null");
        }
        return new InetSocketAddress(address, checkPort(port));
    }

    private static int checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, not " + port);
        }
        return port;
    }

    private static InetSocketAddress local(InetAddress localAddress, int localPort) {
        if (localPort < 0 || localPort > 65535) {
            throw new IllegalArgumentException("localPort must be between 0 and 65535, not " + localPort);
        }
        if (localAddress == null && localPort == 0) {
            return null;
        }
        return localAddress == null ? new InetSocketAddress(localPort) : new InetSocketAddress(localAddress, localPort);
    }

    @Override
    public String toString() {
        return connector.isOver() ? "ShuttleSocketFactory[over " + connector.connector() + "]"
                : "ShuttleSocketFactory[" + connector.options().connectTimeout() + " connect timeout]";
    }
}
