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
import dev.shuttle.internal.io.Timeouts;
import dev.shuttle.internal.jfr.FlightRecorderListener;
import dev.shuttle.internal.race.AddressSorter;
import dev.shuttle.internal.race.Attempt;
import dev.shuttle.internal.race.FamilyLookup;
import dev.shuttle.internal.race.HappyEyeballsConnector;
import dev.shuttle.internal.race.RaceSettings;
import dev.shuttle.internal.race.SafeListener;
import dev.shuttle.internal.race.Ticker;
import dev.shuttle.internal.tcp.TcpConnector;
import dev.shuttle.internal.udp.DatagramScheme;
import dev.shuttle.internal.unix.UnixConnector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.EnumMap;
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
 * A {@code tcp://} URI naming an IP address has nothing to resolve or race: it is one attempt on
 * the calling thread with the socket's own connect timeout, which ends the same way as the stack
 * (the same listener calls, the same timeout message) without a thread hand-off.
 */
public final class DefaultConnector implements Connector {
    private final Map<Scheme, Connector> stacks = new EnumMap<>(Scheme.class);
    private final ConnectorOptions options;
    private final TcpConnector tcp;
    private final int timeoutMillis;
    private final ConnectListener listener;

    /**
     * Builds the stacks.
     *
     * @param options the options
     */
    public DefaultConnector(ConnectorOptions options) {
        this.options = options;
        this.tcp = new TcpConnector(options.socketOptions());
        this.listener = SafeListener.of(FlightRecorderListener.with(options.listener()));
        // Saturates: a connect timeout of "for ever" (ChronoUnit.FOREVER) overflows toMillis().
        this.timeoutMillis = Timeouts.millis("connectTimeout", options.connectTimeout());
        RaceSettings race = new RaceSettings(options.happyEyeballs(), options.resolutionDelay(),
                options.connectionAttemptDelay(), options.firstAddressFamilyCount());
        FamilyLookup lookup = lookup(options.resolver());
        Attempt tcpAttempt = RaceAttempts.tcp(tcp);
        Connector byName = new HappyEyeballsConnector(Scheme.TCP, lookup,
                requested -> tcpAttempt,
                race, AddressSorter.system(), Ticker.SYSTEM, listener, options.connectTimeout());
        add(Scheme.TCP, byName);
        // For tls:// an attempt of the race is the TCP connect and the handshake: an address whose
        // TLS fails loses the race instead of failing the connect.
        LazyTlsClient tls = new LazyTlsClient(options.tls());
        Connector tlsByName = new HappyEyeballsConnector(Scheme.TLS, lookup,
                requested -> RaceAttempts.tls(tcp, tls, requested),
                race, AddressSorter.system(), Ticker.SYSTEM, listener, options.connectTimeout());
        add(Scheme.TLS, tlsByName);
        if (options.schemes().contains(Scheme.UNIX)) {
            stacks.put(Scheme.UNIX, new TimeoutConnector(new UnixConnector(), options.connectTimeout()));
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
    public Connection connect(String uri) throws IOException {
        Endpoint endpoint = Endpoint.parse(uri);
        DatagramScheme.refuseConnect(endpoint);
        if (endpoint.scheme() == Scheme.TCP && stacks.containsKey(Scheme.TCP)) {
            InetAddress literal = endpoint.ipAddress().orElse(null);
            if (literal != null) {
                return connectToAddress(endpoint, new InetSocketAddress(literal, endpoint.port()));
            }
        }
        Connector stack = stacks.get(endpoint.scheme());
        if (stack == null) {
            String enabled = stacks.keySet().stream().map(Scheme::text).collect(Collectors.joining(", "));
            throw new IllegalArgumentException("Cannot connect to " + endpoint + ": scheme " + endpoint.scheme()
                    + " is disabled in this connector's options (enabled: " + enabled + ")");
        }
        return stack.connect(endpoint.toString());
    }

    private Connection connectToAddress(Endpoint endpoint, InetSocketAddress address) throws IOException {
        listener.attemptStarted(endpoint, address);
        try {
            Connection connection = tcp.connect(endpoint, address, timeoutMillis);
            listener.attemptSucceeded(endpoint, address);
            return connection;
        } catch (SocketTimeoutException e) {
            listener.attemptFailed(endpoint, address, e);
            SocketTimeoutException timedOut = TimeoutConnector.timedOut(endpoint, options.connectTimeout());
            timedOut.addSuppressed(e);
            throw timedOut;
        } catch (IOException e) {
            listener.attemptFailed(endpoint, address, e);
            throw e;
        }
    }

    @Override
    public String toString() {
        return "Connector" + stacks.keySet();
    }
}
