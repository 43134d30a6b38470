package dev.shuttle.internal.tls;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.StartTls;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.internal.io.ForwardingConnection;
import java.net.Socket;
import java.util.Optional;

/**
 * A tampered record after STARTTLS over a connection that offers no socket (a tunnel, a test
 * double): Shuttle's {@code SSLEngine} loop over the connection's streams, on both sides.
 */
class TamperedRecordOverSocketlessStartTlsTest extends TamperedRecordScenarios {
    @Override
    String listenUri() {
        return "tcp://127.0.0.1:0";
    }

    @Override
    Connection serverTransport(Connection plain) {
        return new WithoutSocket(plain);
    }

    @Override
    Connection connect(EchoServer server, TlsOptions options) throws Exception {
        Connection plain = Connector.tcp().connect(server.uri());
        return StartTls.client(new WithoutSocket(plain), "localhost", options);
    }

    /** A TCP connection that hides its socket, as a tunnel's connection has none. */
    static final class WithoutSocket extends ForwardingConnection {
        WithoutSocket(Connection connection) {
            super(connection);
        }

        @Override
        public <T> Optional<T> unwrap(Class<T> type) {
            return type == Socket.class ? Optional.empty() : connection.unwrap(type);
        }
    }
}
