package dev.shuttle.internal.connector;

import dev.shuttle.ConnectListener;
import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.internal.race.Attempt;
import dev.shuttle.internal.tcp.BoundChannel;
import dev.shuttle.internal.tcp.OpeningSocket;
import dev.shuttle.internal.tls.HandshakeSummaries;
import dev.shuttle.internal.tls.TlsClient;
import dev.shuttle.internal.tcp.TcpConnector;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The attempts of the default connector's races. Each begins its TCP connect on the race's own
 * thread ({@link TcpConnector#begin}), so that a connect the kernel makes at once needs no thread;
 * a TLS attempt's handshake always runs on a thread of its own, so that a slow handshake never
 * holds back the next attempt.
 */
public final class RaceAttempts {
    private RaceAttempts() {}

    /** {@return an attempt that makes a TCP connection} */
    public static Attempt tcp(TcpConnector tcp) {
        return new Attempt() {
            @Override
            public Connection connect(InetSocketAddress address) throws IOException {
                return tcp.connect(Endpoint.of(Scheme.TCP, address), address);
            }

            @Override
            public SelfTimed selfTimed() {
                return (address, timeoutMillis) -> tcp.connect(Endpoint.of(Scheme.TCP, address), address, timeoutMillis);
            }

            @Override
            public Opening begin(InetSocketAddress address) throws IOException {
                OpeningSocket opening = tcp.begin(Endpoint.of(Scheme.TCP, address), address);
                Connection connected = opening.connection();
                return connected != null ? Opening.done(connected) : Opening.later(opening::finish, opening::close);
            }
        };
    }

    /**
     * {@return an attempt that makes a TCP connection from a socket bound before its connect: one
     * attempt at a time, the socket being taken by the first}
     */
    static Attempt bound(BoundChannel bound) {
        return new Attempt() {
            @Override
            public Connection connect(InetSocketAddress address) throws IOException {
                return bound.connect(Endpoint.of(Scheme.TCP, address), address, 0);
            }

            @Override
            public SelfTimed selfTimed() {
                return (address, timeoutMillis) -> bound.connect(Endpoint.of(Scheme.TCP, address), address, timeoutMillis);
            }
        };
    }

    /**
     * {@return an attempt that makes a TCP connection and then the TLS handshake for the
     * endpoint asked for}
     */
    static Attempt tls(TcpConnector tcp, LazyTlsClient tls, Endpoint requested, ConnectListener listener) {
        return new Attempt() {
            @Override
            public Connection connect(InetSocketAddress address) throws IOException {
                return handshake(tcp.connect(Endpoint.of(Scheme.TLS, address), address), address);
            }

            @Override
            public Opening begin(InetSocketAddress address) throws IOException {
                OpeningSocket opening = tcp.begin(Endpoint.of(Scheme.TLS, address), address);
                return Opening.later(() -> handshake(opening.finish(), address), opening::close);
            }

            @Override
            public Attempt offering(java.util.List<String> applicationProtocols) {
                return tls(tcp, tls.offering(applicationProtocols), requested, listener);
            }

            private Connection handshake(Connection plain, InetSocketAddress address) throws IOException {
                TlsClient client;
                try {
                    client = tls.get();
                    listener.handshakeStarted(requested, address);
                } catch (RuntimeException | Error e) {
                    plain.close(); // the handshake owns the socket; without one, nobody else closes it
                    throw e;
                }
                Connection secured;
                try {
                    secured = client.handshake(plain, requested);
                } catch (IOException e) {
                    // A cancelled attempt (interrupted) is told of no end, as ConnectListener says.
                    if (!Thread.currentThread().isInterrupted()) {
                        listener.handshakeFailed(requested, address, e);
                    }
                    throw e;
                }
                try {
                    HandshakeSummaries.of(secured).ifPresent(done -> listener.handshakeSucceeded(requested, address, done));
                } catch (RuntimeException | Error e) {
                    secured.close(); // an Error from the listener: the caller never gets the connection
                    throw e;
                }
                return secured;
            }
        };
    }
}
