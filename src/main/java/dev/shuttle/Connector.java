package dev.shuttle;

import dev.shuttle.tls.TlsOptions;
import dev.shuttle.internal.combinator.DelayConnector;
import dev.shuttle.internal.combinator.RepeatConnector;
import dev.shuttle.internal.combinator.TimeoutConnector;
import dev.shuttle.internal.connector.DefaultConnector;
import dev.shuttle.internal.tcp.TcpConnector;
import dev.shuttle.internal.tls.TlsConnector;
import dev.shuttle.internal.unix.UnixConnector;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * Opens connections: one blocking call from a URI to an open {@link Connection}.
 *
 * <p>Connectors are thread-safe and reusable, and they stack: every decorator implements this
 * interface and wraps another connector. {@code connect} blocks the calling thread, which should
 * be a virtual thread when many connects run at once; interrupting the thread aborts the connect,
 * closes whatever it opened and throws an {@link java.io.InterruptedIOException} with the
 * interrupt flag kept.
 *
 * {@snippet :
 * Connector connector = Connector.tcp();
 * try (Connection connection = connector.connect("tcp://127.0.0.1:8080")) {
 *     connection.output().write(request);
 * }
 * }
 */
@FunctionalInterface
public interface Connector {

    /**
     * Opens a connection to a parsed endpoint. Every connector implements this method and hands
     * the same {@link Endpoint} on to the layers underneath: a URI is parsed once, by the caller.
     *
     * @param endpoint where to connect
     * @return the open connection; the caller closes it
     * @throws IllegalArgumentException if this connector cannot handle the endpoint (its scheme,
     *     a hostname where only IP addresses are accepted), before any I/O
     * @throws NullPointerException if {@code endpoint} is null
     * @throws java.net.ConnectException if the peer refused; its message reads
     *     {@code Connection to tcp://127.0.0.1:9 failed: Connection refused}
     * @throws java.net.SocketTimeoutException if the connect timed out
     * @throws java.io.InterruptedIOException if the calling thread was interrupted
     * @throws IOException for any other failure, keeping its standard {@code java.net} type
     */
    Connection connect(Endpoint endpoint) throws IOException;

    /**
     * Opens a connection to a URI: parses it with {@link Endpoint#parse(String)}, then calls
     * {@link #connect(Endpoint)}.
     *
     * @param uri where to connect, such as {@code tcp://127.0.0.1:80}
     * @return the open connection; the caller closes it
     * @throws IllegalArgumentException if the URI is malformed or this connector cannot handle it
     *     (checked before any I/O)
     * @throws IOException as {@link #connect(Endpoint)}
     */
    default Connection connect(String uri) throws IOException {
        return connect(Endpoint.parse(uri));
    }

    /**
     * Returns the default connector: {@code tcp://} by name or address through the DNS resolver and
     * happy eyeballs, {@code unix://}, each under a 10-second connect timeout. See
     * {@link #create(ConnectorOptions)}.
     *
     * @return the connector
     */
    static Connector create() {
        return create(ConnectorOptions.defaults());
    }

    /**
     * Returns the default connector with options. For {@code tcp://host:port} it resolves the
     * host's AAAA and A records at once and races the addresses (RFC 8305), the first to connect
     * winning and every other attempt being cancelled and closed; for an IP literal it connects
     * directly; for {@code unix:///path} it opens a Unix socket. The whole connect runs under the
     * connect timeout.
     *
     * @param options the options
     * @return the connector
     */
    static Connector create(ConnectorOptions options) {
        return new DefaultConnector(Objects.requireNonNull(options, "options"));
    }

    /**
     * Returns a connector for {@code tcp://} URIs with IP literal hosts, with the default socket
     * options ({@code TCP_NODELAY} on).
     *
     * @return the connector
     */
    static Connector tcp() {
        return tcp(SocketOptions.defaults());
    }

    /**
     * Returns a connector for {@code tcp://} URIs with IP literal hosts. A hostname is an
     * {@link IllegalArgumentException}: this connector does no DNS.
     *
     * @param options the socket options of every connection it opens
     * @return the connector
     */
    static Connector tcp(SocketOptions options) {
        return new TcpConnector(options);
    }

    /**
     * Returns a connector for {@code unix:///absolute/path} URIs.
     *
     * @return the connector
     */
    static Connector unix() {
        return new UnixConnector();
    }

    /**
     * Returns a connector for {@code tls://} URIs with IP literal hosts: a TCP connect (default
     * socket options, {@code TCP_NODELAY} on), then the TLS handshake within
     * {@link TlsOptions#handshakeTimeout()}. The server's certificate is verified for the URI's
     * host (its IP address names), or for {@link TlsOptions#serverName()} when set. With
     * {@code serverName} set it also connects to {@code unix:///path}: TLS over a Unix socket.
     * The TLS context is built once, here, so TLS 1.2 sessions are resumed across its connections.
     *
     * {@snippet :
     * Connector connector = Connector.tls(TlsOptions.builder().trustPem(Path.of("ca.pem")).build());
     * try (Connection connection = connector.connect("tls://127.0.0.1:8443")) {
     *     SSLSession session = connection.unwrap(SSLSession.class).orElseThrow();
     * }
     * }
     *
     * <p>Its {@code connect} throws, besides what {@link #connect(Endpoint)} lists,
     * {@link javax.net.ssl.SSLHandshakeException} with a message saying why the handshake failed
     * (an untrusted, expired or wrongly named certificate and the names it holds, no common
     * protocol, a peer that does not speak TLS or closed the connection), and
     * {@link java.net.SocketTimeoutException} when the handshake timeout passes.
     *
     * @param options the TLS options
     * @return the connector
     * @throws IllegalArgumentException if the trust store or the client certificate cannot be used
     */
    static Connector tls(TlsOptions options) {
        return new TlsConnector(options, SocketOptions.defaults());
    }

    // Fluent stacking of the single-connector decorators (combinators, issue 5).

    /**
     * Timeout: returns a connector that gives each connect of this one a deadline, cancelling the
     * attempt when it passes; a connection that completes at the deadline is closed, never leaked.
     * The caller gets a {@link java.net.SocketTimeoutException} reading
     * {@code Connection to tcp://host:port timed out after 3.0 seconds}.
     *
     * @param timeout the longest a connect may take, positive
     * @return the decorated connector
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    default Connector withTimeout(Duration timeout) {
        return new TimeoutConnector(this, timeout);
    }

    /**
     * Repeat: returns a connector that tries this one up to {@code tries} times in all, one after
     * the other, until one succeeds; when all fail it throws the last failure with the earlier
     * ones suppressed. {@code withTries(3)} tries at most three times, the first try included.
     * An interrupt stops it at once; runtime exceptions (a bad URI) are not retried.
     *
     * @param tries how many tries in all, at least 1
     * @return the decorated connector
     * @throws IllegalArgumentException if {@code tries} is below 1
     */
    default Connector withTries(int tries) {
        return new RepeatConnector(this, tries);
    }

    /**
     * Delay: returns a connector that waits for {@code delay}, then connects through this one.
     * The wait blocks the calling thread; an interrupt ends it at once with an
     * {@link java.io.InterruptedIOException}, the interrupt flag kept.
     *
     * @param delay how long to wait before each connect, zero or positive
     * @return the decorated connector
     * @throws IllegalArgumentException if the delay is negative
     */
    default Connector withDelay(Duration delay) {
        return new DelayConnector(this, delay);
    }
}
