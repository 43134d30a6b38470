package dev.shuttle.internal.tcp;

import dev.shuttle.internal.jfr.FailureRecording;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.SocketOptions;
import dev.shuttle.internal.io.ConnectFailures;
import dev.shuttle.internal.uri.DatagramScheme;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * Connects to {@code tcp://ip:port} on the calling thread, through a blocking {@link SocketChannel}
 * whose {@link Socket} adaptor the connection then uses. IP literals only:
 * a hostname is an {@link IllegalArgumentException} pointing to the DNS-aware connector.
 */
public final class TcpConnector implements Connector {
    private final SocketOptions options;

    /**
     * Creates the connector.
     *
     * @param options the options of every socket it opens
     */
    public TcpConnector(SocketOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public Connection connect(Endpoint endpoint) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        DatagramScheme.refuseConnect(endpoint);
        if (endpoint.scheme() != Scheme.TCP) {
            throw new IllegalArgumentException("The TCP connector cannot connect to " + endpoint
                    + ": only tcp:// URIs (use Connector.create() for tls:// and unix://)");
        }
        InetAddress address = endpoint.ipAddress().orElseThrow(() -> new IllegalArgumentException(
                "The TCP connector cannot connect to " + endpoint + ": '" + endpoint.host()
                        + "' is a hostname and this connector takes IP addresses only (use Connector.create(), which resolves names)"));
        try {
            return connect(endpoint, new InetSocketAddress(address, endpoint.port()));
        } catch (IOException e) {
            FailureRecording.connectFailed(endpoint, e);
            throw e;
        }
    }

    /**
     * {@return how a connection to this endpoint writes its addresses: {@code tls://} for the TCP
     * connection under TLS (so that its errors, a write deadline's say, name what the user asked
     * for), {@code tcp://} otherwise}
     */
    static Scheme shownScheme(Endpoint endpoint) {
        return endpoint.scheme() == Scheme.TLS ? Scheme.TLS : Scheme.TCP;
    }

    /**
     * Connects to a resolved address. Used by the connectors that resolve names and race addresses.
     *
     * @param endpoint the endpoint named in errors
     * @param address where to connect
     * @return the connection
     * @throws IOException as {@link Connector#connect(Endpoint)}
     */
    public Connection connect(Endpoint endpoint, InetSocketAddress address) throws IOException {
        return connect(endpoint, address, 0);
    }

    /**
     * Connects to a resolved address within a timeout, on the calling thread: the channel's own
     * timed connect, with no thread hand-off. Used for one attempt at an IP literal, where a race
     * has nothing to race.
     *
     * @param endpoint the endpoint named in errors
     * @param address where to connect
     * @param timeoutMillis the longest the connect may take, or 0 for no limit
     * @return the connection
     * @throws java.net.SocketTimeoutException if the timeout passed; nothing is left open
     * @throws IOException as {@link Connector#connect(Endpoint)}
     */
    public Connection connect(Endpoint endpoint, InetSocketAddress address, int timeoutMillis) throws IOException {
        return closingOnFailure(endpoint, open(endpoint, address), channel -> {
            // The adaptor's connect parks (virtual thread) or polls (platform thread), until the
            // deadline if there is one; an interrupt still closes the channel, as channel.connect
            // does. On a virtual thread it is also the quicker of the two: about 55 us against 70-85
            // for channel.connect to a loopback listener, measured side by side (it checks for a
            // connect made at once before it parks).
            channel.socket().connect(address, timeoutMillis);
            return new SocketConnection(channel.socket(), TcpConnector.shownScheme(endpoint));
        });
    }

    /**
     * Begins a connect to a resolved address without waiting for it: a connect the kernel makes
     * at once (to a loopback listener, as a rule) comes back connected, any other still opening,
     * for {@link OpeningSocket#finish()} to wait for, on another thread if need be.
     *
     * @param endpoint the endpoint named in errors
     * @param address where to connect
     * @return the socket, connected or still connecting
     * @throws IOException if the connect failed at once (refused by a loopback address), or
     *     could not be begun
     */
    public OpeningSocket begin(Endpoint endpoint, InetSocketAddress address) throws IOException {
        return closingOnFailure(endpoint, open(endpoint, address), channel -> {
            channel.configureBlocking(false);
            // A loopback connect is done by the time connect returns, if not by connect itself.
            if (channel.connect(address) || channel.finishConnect()) {
                channel.configureBlocking(true);
                return OpeningSocket.connected(new SocketConnection(channel.socket(), TcpConnector.shownScheme(endpoint)));
            }
            return OpeningSocket.connecting(endpoint, channel);
        });
    }

    /**
     * A channel of the address's family, with the options applied and bound if they ask to be.
     * A channel rather than a {@link Socket}: a channel's connect is aborted by an interrupt on
     * platform threads too (a Socket's only on virtual threads).
     */
    private SocketChannel open(Endpoint endpoint, InetSocketAddress address) throws IOException {
        SocketChannel opened = SocketChannel.open(address.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        return closingOnFailure(endpoint, opened, channel -> {
            SocketSetup.apply(channel.socket(), options);
            if (options.localAddress().isPresent()) {
                InetSocketAddress local = options.localAddress().get();
                // A wildcard address binds only the port, in the family of the address connected to.
                channel.bind(local.getAddress().isAnyLocalAddress()
                        ? new InetSocketAddress(InetAddress.ofLiteral(address.getAddress() instanceof Inet6Address ? "::" : "0.0.0.0"),
                                local.getPort())
                        : local);
            }
            return channel;
        });
    }

    /** One step of a connect on a channel. */
    @FunctionalInterface
    interface ChannelStep<T> {
        T run(SocketChannel channel) throws IOException;
    }

    /**
     * Runs a step of a connect; if it fails, closes the channel and words the failure (an
     * interrupt as such).
     */
    static <T> T closingOnFailure(Endpoint endpoint, SocketChannel channel, ChannelStep<T> step) throws IOException {
        try {
            return step.run(channel);
        } catch (IOException e) {
            channel.close();
            if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
                throw ConnectFailures.interrupted(endpoint, e);
            }
            throw ConnectFailures.connectFailed(endpoint, e);
        } catch (RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "TcpConnector" + options;
    }
}
