package dev.shuttle.internal.connector;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.internal.race.Attempt;
import dev.shuttle.internal.tcp.OpeningSocket;
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
            public Opening begin(InetSocketAddress address) throws IOException {
                OpeningSocket opening = tcp.begin(Endpoint.of(Scheme.TCP, address), address);
                Connection connected = opening.connection();
                return connected != null ? Opening.done(connected) : Opening.later(opening::finish, opening::close);
            }
        };
    }

    /**
     * {@return an attempt that makes a TCP connection and then the TLS handshake for the
     * endpoint asked for}
     */
    static Attempt tls(TcpConnector tcp, LazyTlsClient tls, Endpoint requested) {
        return new Attempt() {
            @Override
            public Connection connect(InetSocketAddress address) throws IOException {
                return handshake(tcp.connect(Endpoint.of(Scheme.TLS, address), address));
            }

            @Override
            public Opening begin(InetSocketAddress address) throws IOException {
                OpeningSocket opening = tcp.begin(Endpoint.of(Scheme.TLS, address), address);
                return Opening.later(() -> handshake(opening.finish()), opening::close);
            }

            private Connection handshake(Connection plain) throws IOException {
                TlsClient client;
                try {
                    client = tls.get();
                } catch (RuntimeException | Error e) {
                    plain.close(); // the handshake owns the socket; without one, nobody else closes it
                    throw e;
                }
                return client.handshake(plain, requested);
            }
        };
    }
}
