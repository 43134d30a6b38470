package dev.shuttle.internal.connector;

import dev.shuttle.ConnectListener;
import dev.shuttle.Connection;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.Resolver;
import dev.shuttle.Scheme;
import dev.shuttle.internal.combinator.TimeoutConnector;
import dev.shuttle.internal.dns.ImmediateAnswers;
import dev.shuttle.internal.jfr.FlightRecorderListener;
import dev.shuttle.internal.address.AddressSorter;
import dev.shuttle.internal.race.Attempt;
import dev.shuttle.internal.race.FamilyLookup;
import dev.shuttle.internal.race.HappyEyeballsConnector;
import dev.shuttle.internal.race.RaceSettings;
import dev.shuttle.internal.race.SafeListener;
import dev.shuttle.internal.race.Ticker;
import dev.shuttle.internal.tcp.BoundChannel;
import dev.shuttle.internal.tcp.TcpConnector;
import dev.shuttle.internal.uri.DatagramScheme;
import dev.shuttle.internal.unix.UnixConnector;
import java.io.IOException;
import java.util.Objects;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The connector of {@link Connector#create(ConnectorOptions)}: one stack per scheme.
 * <pre>
 *   tcp://  -&gt;  HappyEyeballs( Resolver, Tcp ), with the connect timeout
 *   tls://  -&gt;  HappyEyeballs( Resolver, Tls( Tcp ) ), with the connect timeout
 *   unix:// -&gt;  Timeout( Unix )
 * </pre>
 * The race keeps the connect timeout itself, on the calling thread, where a {@code Timeout}
 * around it would run it on a thread of its own: one hand-off less on every connect by name.
 * Whether a target is an IP literal (one attempt, on the calling thread with the socket's own
 * connect timeout for {@code tcp://}) or a name (lookup and race) is decided in one place,
 * {@link HappyEyeballsConnector}.
 *
 * <p>A socket bound before its connect (the drop-in {@link java.net.Socket}'s {@code bind})
 * connects through {@link #connect(Endpoint, BoundChannel)}: the same stack, but with one local
 * port its attempts cannot overlap, and only addresses of the family its local address fixes are
 * tried.
 */
public final class DefaultConnector implements Connector {
    private final Map<Scheme, Connector> stacks = new EnumMap<>(Scheme.class);
    private final ConnectorOptions options;
    private final TcpConnector tcp;
    private final ConnectListener listener;
    private final FamilyLookup lookup;
    private final RaceSettings race;

    /**
     * Builds the stacks.
     *
     * @param options the options
     */
    public DefaultConnector(ConnectorOptions options) {
        this.options = options;
        this.tcp = new TcpConnector(options.socketOptions());
        this.listener = SafeListener.of(FlightRecorderListener.with(options.listener()));
        this.race = new RaceSettings(options.happyEyeballs(), options.resolutionDelay(),
                options.connectionAttemptDelay(), options.firstAddressFamilyCount());
        this.lookup = lookup(options.resolver());
        Attempt tcpAttempt = RaceAttempts.tcp(tcp);
        Connector byName = new HappyEyeballsConnector(Scheme.TCP, lookup, ServiceRecords.of(options, Scheme.TCP),
                requested -> tcpAttempt,
                race, AddressSorter.system(), Ticker.SYSTEM, listener, options.connectTimeout());
        add(Scheme.TCP, byName);
        // For tls:// an attempt of the race is the TCP connect and the handshake: an address whose
        // TLS fails loses the race instead of failing the connect.
        LazyTlsClient tls = new LazyTlsClient(options.tls());
        Connector tlsByName = new HappyEyeballsConnector(Scheme.TLS, lookup, ServiceRecords.of(options, Scheme.TLS),
                requested -> RaceAttempts.tls(tcp, tls, requested, listener),
                race, AddressSorter.system(), Ticker.SYSTEM, listener, options.connectTimeout());
        add(Scheme.TLS, tlsByName);
        if (options.schemes().contains(Scheme.UNIX)) {
            stacks.put(Scheme.UNIX, new TimeoutConnector(new UnixConnector(options.socketOptions()), options.connectTimeout()));
        }
    }

    /** The resolver as the race asks it: also without waiting, when the resolver can answer so. */
    private static FamilyLookup lookup(Resolver resolver) {
        return resolver instanceof ImmediateAnswers immediate
                ? FamilyLookup.of(resolver::lookup, immediate::answerAtOnce)
                : resolver::lookup;
    }

    private void add(Scheme scheme, Connector stack) {
        if (options.schemes().contains(scheme)) {
            stacks.put(scheme, stack);
        }
    }

    @Override
    public Connection connect(Endpoint endpoint) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        try {
            return connectUnrecorded(endpoint);
        } catch (IOException e) {
            dev.shuttle.internal.jfr.FailureRecording.connectFailed(endpoint, e);
            throw e;
        }
    }

    private Connection connectUnrecorded(Endpoint endpoint) throws IOException {
        DatagramScheme.refuseConnect(endpoint);
        Connector stack = stacks.get(endpoint.scheme());
        if (stack == null) {
            String enabled = stacks.keySet().stream().map(Scheme::text).collect(Collectors.joining(", "));
            throw new IllegalArgumentException("Cannot connect to " + endpoint + ": scheme " + endpoint.scheme()
                    + " is disabled in this connector's options (enabled: " + enabled + ")");
        }
        return stack.connect(endpoint);
    }

    /**
     * Connects a TCP socket bound before its connect ({@link java.net.Socket#bind}), from its local
     * address and port: an IP literal as {@link #connect(Endpoint)} connects it; a name resolved
     * for the families the bound address can reach only, and its addresses tried one after
     * another (one local port cannot make two attempts at once), under the connect timeout.
     *
     * @param endpoint a {@code tcp://} endpoint
     * @param bound the bound socket, whose first attempt takes it
     * @return the connection
     * @throws java.net.SocketException if the address, or every address of the name, is of a
     *     family the bound address cannot reach; the message says so
     * @throws IOException as {@link #connect(Endpoint)}
     */
    public Connection connect(Endpoint endpoint, BoundChannel bound) throws IOException {
        if (endpoint.scheme() != Scheme.TCP) {
            throw new IllegalArgumentException("A bound socket connects to tcp:// URIs only, not " + endpoint);
        }
        InetAddress literal = endpoint.ipAddress().orElse(null);
        if (literal != null && !bound.reaches(literal)) {
            throw bound.unreachable(endpoint); // before the listener hears of an attempt
        }
        Attempt fromBound = RaceAttempts.bound(bound);
        Connector oneAtATime = new HappyEyeballsConnector(Scheme.TCP, FamilyLookup.only(lookup, bound.families()),
                requested -> fromBound, race.oneAtATime(), AddressSorter.system(), Ticker.SYSTEM, listener,
                options.connectTimeout());
        try {
            return oneAtATime.connect(endpoint);
        } catch (UnknownHostException e) {
            throw otherFamilyOnly(endpoint, bound, e);
        }
    }

    /** For a name with no address the bound socket can reach: whether it has some of the other family, and if so, says so. */
    private IOException otherFamilyOnly(Endpoint endpoint, BoundChannel bound, UnknownHostException failure) {
        if (bound.families().size() > 1) {
            return failure;
        }
        StandardProtocolFamily other = bound.families().contains(StandardProtocolFamily.INET)
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        List<InetAddress> others;
        try {
            others = options.resolver().lookup(endpoint.host(), other);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
            return failure;
        }
        if (others.isEmpty()) {
            return failure;
        }
        String family = other == StandardProtocolFamily.INET6 ? "IPv6" : "IPv4";
        SocketException wrongFamily = new SocketException("Connection to " + endpoint + " failed: " + endpoint.host()
                + " has only " + family + " addresses (" + others.stream().map(InetAddress::getHostAddress)
                        .collect(Collectors.joining(", ")) + "), and " + bound.reachOnly());
        wrongFamily.addSuppressed(failure);
        return wrongFamily;
    }

    @Override
    public String toString() {
        return "Connector" + stacks.keySet();
    }
}
