package dev.shuttle.internal.connector;

import dev.shuttle.Connection;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.internal.combinator.TimeoutConnector;
import dev.shuttle.internal.jfr.FlightRecorderListener;
import dev.shuttle.internal.race.AddressSorter;
import dev.shuttle.internal.race.HappyEyeballsConnector;
import dev.shuttle.internal.race.RaceSettings;
import dev.shuttle.internal.race.Ticker;
import dev.shuttle.internal.tcp.TcpConnector;
import dev.shuttle.internal.unix.UnixConnector;
import java.io.IOException;
import java.net.Socket;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The connector of {@link Connector#create(ConnectorOptions)}: one stack per scheme.
 * <pre>
 *   tcp://  -&gt;  Timeout( HappyEyeballs( Resolver, Tcp ) )
 *   tls://  -&gt;  Timeout( HappyEyeballs( Resolver, Tls( Tcp ) ) )
 *   unix:// -&gt;  Timeout( Unix )
 * </pre>
 */
public final class DefaultConnector implements Connector {
    private final Map<Scheme, Connector> stacks = new EnumMap<>(Scheme.class);
    private final ConnectorOptions options;

    /**
     * Builds the stacks.
     *
     * @param options the options
     */
    public DefaultConnector(ConnectorOptions options) {
        this.options = options;
        TcpConnector tcp = new TcpConnector(options.socketOptions());
        RaceSettings race = new RaceSettings(options.happyEyeballs(), options.resolutionDelay(),
                options.connectionAttemptDelay(), options.firstAddressFamilyCount());
        Connector byName = new HappyEyeballsConnector(Scheme.TCP, options.resolver()::lookup,
                requested -> address -> tcp.connect(Endpoint.of(Scheme.TCP, address), address),
                race, AddressSorter.system(), Ticker.SYSTEM, FlightRecorderListener.with(options.listener()));
        add(Scheme.TCP, byName);
        // For tls:// an attempt of the race is the TCP connect and the handshake: an address whose
        // TLS fails loses the race instead of failing the connect.
        LazyTlsClient tls = new LazyTlsClient(options.tls());
        Connector tlsByName = new HappyEyeballsConnector(Scheme.TLS, options.resolver()::lookup,
                requested -> address -> {
                    Connection plain = tcp.connect(Endpoint.of(Scheme.TCP, address), address);
                    return tls.get().handshake(plain.unwrap(Socket.class).orElseThrow(), requested);
                },
                race, AddressSorter.system(), Ticker.SYSTEM, FlightRecorderListener.with(options.listener()));
        add(Scheme.TLS, tlsByName);
        add(Scheme.UNIX, new UnixConnector());
    }

    private void add(Scheme scheme, Connector stack) {
        if (options.schemes().contains(scheme)) {
            stacks.put(scheme, new TimeoutConnector(stack, options.connectTimeout()));
        }
    }

    @Override
    public Connection connect(String uri) throws IOException {
        Endpoint endpoint = Endpoint.parse(uri);
        Connector stack = stacks.get(endpoint.scheme());
        if (stack == null) {
            String enabled = stacks.keySet().stream().map(Scheme::text).collect(Collectors.joining(", "));
            throw new IllegalArgumentException("Cannot connect to " + endpoint + ": scheme " + endpoint.scheme()
                    + " is disabled in this connector's options (enabled: " + enabled + ")");
        }
        return stack.connect(endpoint.toString());
    }

    @Override
    public String toString() {
        return "Connector" + stacks.keySet();
    }
}
