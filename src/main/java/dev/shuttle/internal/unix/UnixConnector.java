package dev.shuttle.internal.unix;

import dev.shuttle.internal.jfr.FailureRecording;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.SocketOptions;
import dev.shuttle.internal.io.ConnectFailures;
import dev.shuttle.internal.uri.DatagramScheme;
import java.io.IOException;
import java.util.Objects;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;

/**
 * Connects to {@code unix:///absolute/path} with a Unix domain {@link SocketChannel}, with the
 * socket options a Unix socket takes (see {@link UnixSocketOptions}).
 */
public final class UnixConnector implements Connector {
    private final SocketOptions options;

    /** A connector with the default socket options. */
    public UnixConnector() {
        this(SocketOptions.defaults());
    }

    /**
     * A connector with these socket options; a connect refuses those Unix sockets do not take.
     *
     * @param options the socket options
     */
    public UnixConnector(SocketOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    @Override
    public Connection connect(Endpoint endpoint) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        DatagramScheme.refuseConnect(endpoint);
        if (endpoint.scheme() != Scheme.UNIX) {
            throw new IllegalArgumentException("The Unix connector cannot connect to " + endpoint
                    + ": only unix:///absolute/path URIs");
        }
        UnixSocketOptions.requireSupported(endpoint, options, "connect to");
        try {
            return open(endpoint);
        } catch (IOException e) {
            FailureRecording.connectFailed(endpoint, e);
            throw e;
        }
    }

    private Connection open(Endpoint endpoint) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            UnixSocketOptions.apply(channel, options);
            channel.connect(UnixDomainSocketAddress.of(endpoint.path()));
            return new ChannelConnection(channel);
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
        return "UnixConnector";
    }
}
