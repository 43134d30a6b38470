package dev.shuttle;

import dev.shuttle.tls.TlsServerOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.Arrays;
import java.util.List;

/**
 * Options of a listening server.
 *
 * <p>Immutable; build with {@link #builder()} or vary with {@link #toBuilder()}. Builders are not
 * thread-safe.
 *
 * {@snippet :
 * ServerOptions options = ServerOptions.builder()
 *         .backlog(4096)
 *         .errorHandler(error -> log.warn("server", error))
 *         .build();
 * }
 */
public final class ServerOptions {
    private static final Consumer<Throwable> LOG_ERRORS = dev.shuttle.internal.server.serve.ServerErrorLog.DEFAULT;
    private static final ServerOptions DEFAULTS = builder().build();

    private final int backlog;
    private final boolean reuseAddress;
    private final boolean reusePort;
    private final boolean ipv6Only;
    private final SocketOptions connectionOptions;
    private final Consumer<Throwable> errorHandler;
    private final Duration maxAcceptBackoff;
    private final ConnectionLimit connectionLimit;
    private final TlsServerOptions tls;
    private final Duration idleTimeout;
    private final ProxyProtocol proxyProtocol;
    private final java.util.Map<java.net.SocketOption<?>, Object> listenerOptions;
    private final ServerListener listener;

    private ServerOptions(Builder builder) {
        this.listener = builder.listener;
        this.listenerOptions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(builder.listenerOptions));
        this.backlog = builder.backlog;
        this.reuseAddress = builder.reuseAddress;
        this.reusePort = builder.reusePort;
        this.ipv6Only = builder.ipv6Only;
        this.connectionOptions = builder.connectionOptions;
        this.errorHandler = builder.errorHandler;
        this.maxAcceptBackoff = builder.maxAcceptBackoff;
        this.connectionLimit = builder.connectionLimit;
        this.tls = builder.tls;
        this.idleTimeout = builder.idleTimeout;
        this.proxyProtocol = builder.proxyProtocol;
    }

    /** {@return the default options} */
    public static ServerOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.backlog = backlog;
        builder.reuseAddress = reuseAddress;
        builder.reusePort = reusePort;
        builder.ipv6Only = ipv6Only;
        builder.connectionOptions = connectionOptions;
        builder.errorHandler = errorHandler;
        builder.maxAcceptBackoff = maxAcceptBackoff;
        builder.connectionLimit = connectionLimit;
        builder.tls = tls;
        builder.idleTimeout = idleTimeout;
        builder.proxyProtocol = proxyProtocol;
        builder.listenerOptions.putAll(listenerOptions);
        builder.listener = listener;
        return builder;
    }

    /** {@return how many not-yet-accepted connections the kernel queues} */
    public int backlog() {
        return backlog;
    }

    /** {@return whether SO_REUSEADDR is set on a TCP listener} */
    public boolean reuseAddress() {
        return reuseAddress;
    }

    /** {@return whether SO_REUSEPORT is set on a TCP listener} */
    public boolean reusePort() {
        return reusePort;
    }

    /** {@return whether a listener on an IPv6 address refuses IPv4 clients} */
    public boolean ipv6Only() {
        return ipv6Only;
    }

    /** {@return the socket options of accepted TCP connections (the local address is not used)} */
    public SocketOptions connectionOptions() {
        return connectionOptions;
    }

    /** {@return what receives accept errors and handler failures} */
    public Consumer<Throwable> errorHandler() {
        return errorHandler;
    }

    /** {@return the longest pause between accept attempts after repeated accept errors} */
    public Duration maxAcceptBackoff() {
        return maxAcceptBackoff;
    }

    /** {@return how many connections the server keeps open at once, and what it does beyond} */
    public ConnectionLimit connectionLimit() {
        return connectionLimit;
    }

    /** {@return the TLS options of a {@code tls://} server, or of TLS over a {@code unix://} server} */
    public Optional<TlsServerOptions> tls() {
        return Optional.ofNullable(tls);
    }

    /**
     * {@return the socket options set on the listening socket before it binds, in the order set;
     * unmodifiable} Those of each accepted connection are {@link #connectionOptions()}.
     */
    public java.util.Map<java.net.SocketOption<?>, Object> listenerOptions() {
        return listenerOptions;
    }

    /** {@return the listener told of accepts, handshakes and failures} */
    public ServerListener listener() {
        return listener;
    }

    /** {@return the PROXY protocol setting: whether each connection starts with a PROXY header, from whom} */
    public Optional<ProxyProtocol> proxyProtocol() {
        return Optional.ofNullable(proxyProtocol);
    }

    /** {@return how long a served connection may go without a read or write before it is closed, {@link Duration#ZERO} for ever} */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** {@return the settings, in declaration order: what {@link #equals} and {@link #hashCode} compare} */
    private List<Object> values() {
        return Arrays.asList(
                backlog,
                reuseAddress,
                reusePort,
                ipv6Only,
                connectionOptions,
                errorHandler,
                maxAcceptBackoff,
                connectionLimit,
                tls,
                idleTimeout,
                proxyProtocol,
                listenerOptions,
                listener);
    }

    /**
     * Two options are equal when every setting is equal. Settings that are code (listeners,
     * resolvers, error handlers) are equal when they are the same object.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ServerOptions that && values().equals(that.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    @Override
    public String toString() {
        return "ServerOptions[backlog=" + backlog
                + ", reuseAddress=" + reuseAddress
                + ", reusePort=" + reusePort
                + ", ipv6Only=" + ipv6Only
                + ", connectionOptions=" + connectionOptions
                + ", errorHandler=" + errorHandler
                + ", maxAcceptBackoff=" + maxAcceptBackoff
                + ", connectionLimit=" + connectionLimit
                + ", tls=" + tls
                + ", idleTimeout=" + idleTimeout
                + ", proxyProtocol=" + proxyProtocol
                + ", listenerOptions=" + listenerOptions
                + ", listener=" + listener + "]";
    }

    /** Builds {@link ServerOptions}. Not thread-safe. */
    public static final class Builder {
        private int backlog = 1024;
        private boolean reuseAddress = true;
        private boolean reusePort;
        private boolean ipv6Only;
        private SocketOptions connectionOptions = SocketOptions.defaults();
        private Consumer<Throwable> errorHandler = LOG_ERRORS;
        private Duration maxAcceptBackoff = Duration.ofSeconds(1);
        private ConnectionLimit connectionLimit = ConnectionLimit.none();
        private TlsServerOptions tls;
        private Duration idleTimeout = Duration.ZERO;
        private ProxyProtocol proxyProtocol;
        private final java.util.Map<java.net.SocketOption<?>, Object> listenerOptions = new java.util.LinkedHashMap<>();
        private ServerListener listener = ServerListener.NONE;

        private Builder() {}

        /**
         * Sets the listener told of each connection accepted, each TLS handshake and each failure
         * with its reason (see {@link ServerListener} for threads and exceptions). Defaults to
         * {@link ServerListener#NONE}.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(ServerListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets an option on the listening socket, before it binds, such as
         * {@code StandardSocketOptions.SO_RCVBUF} (which accepted TCP connections inherit) or a
         * {@code jdk.net.ExtendedSocketOptions} option; after {@link #reuseAddress} and
         * {@link #reusePort}, so it overrides them. Options of each accepted connection go to
         * {@link #connectionOptions(SocketOptions)}. {@link #build()} refuses an option no
         * listening socket on this platform takes, and {@code Server.listen} one the chosen
         * transport's listening socket does not take (a Unix socket, say), naming it.
         *
         * @param option the option
         * @param value its value, of the option's type
         * @param <T> the option's type
         * @return this builder
         * @throws IllegalArgumentException if the value is not of the option's type
         */
        public <T> Builder listenerOption(java.net.SocketOption<T> option, T value) {
            Objects.requireNonNull(option, "option");
            Objects.requireNonNull(value, () -> "the value of socket option " + option.name());
            if (!option.type().isInstance(value)) {
                throw new IllegalArgumentException("socket option " + option.name() + " takes a " + option.type().getSimpleName()
                        + ", not " + value.getClass().getSimpleName() + " " + value);
            }
            listenerOptions.put(option, value);
            return this;
        }

        /**
         * Sets the listen backlog. Defaults to 1024 (the kernel may cap it at
         * {@code net.core.somaxconn}).
         *
         * @param backlog at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder backlog(int backlog) {
            if (backlog < 1) {
                throw new IllegalArgumentException("backlog must be at least 1, not " + backlog);
            }
            this.backlog = backlog;
            return this;
        }

        /**
         * Sets SO_REUSEADDR, so a restarted server can bind while old connections linger in
         * TIME_WAIT. Defaults to {@code true}.
         *
         * @param on whether it is set
         * @return this builder
         */
        public Builder reuseAddress(boolean on) {
            this.reuseAddress = on;
            return this;
        }

        /**
         * Sets SO_REUSEPORT, so several listeners can share a port and the kernel balances
         * connections among them. Defaults to {@code false}.
         *
         * @param on whether it is set
         * @return this builder
         */
        public Builder reusePort(boolean on) {
            this.reusePort = on;
            return this;
        }

        /**
         * Makes a listener on an IPv6 address ({@code [::]}) serve IPv6 clients only. Defaults to
         * {@code false}: the JDK's IPv6 listeners are dual-stack. The JDK cannot set
         * {@code IPV6_V6ONLY} itself, so the port is still taken for IPv4 too: an IPv4 client's
         * connect succeeds, then the server closes the connection as soon as it accepts it (the
         * client reads end of stream) and it never reaches the handler. {@code Server.listen} on an
         * IPv4 address with this set throws {@link IllegalArgumentException}: all its clients
         * would be turned away.
         *
         * @param on whether IPv4 clients are turned away
         * @return this builder
         */
        public Builder ipv6Only(boolean on) {
            this.ipv6Only = on;
            return this;
        }

        /**
         * Sets the socket options of accepted TCP connections. Defaults to
         * {@link SocketOptions#defaults()} ({@code TCP_NODELAY} on).
         *
         * @param options the options
         * @return this builder
         */
        public Builder connectionOptions(SocketOptions options) {
            this.connectionOptions = Objects.requireNonNull(options, "connectionOptions");
            return this;
        }

        /**
         * Sets what receives accept errors (a reset, too many open files, ...) and exceptions thrown
         * by a connection handler. The server keeps serving after either. Called on the accepting
         * or the handler's thread; it should not block. If it throws an {@code Error}, the server
         * closes and {@link Server#serve} throws that {@code Error}; a {@code RuntimeException} it
         * throws is logged and serving goes on.
         *
         * <p>Defaults to logging through the {@code System.Logger} named {@code dev.shuttle.server},
         * quietly for what clients do: a connection a client reset, a pipe it broke, a read or TLS
         * handshake it let time out, a TLS handshake that failed (garbage instead of a ClientHello,
         * an early close, nothing in common) is one line at {@code DEBUG} without a stack trace,
         * and at {@code INFO} the first such failure is told, then a summary with counts by
         * reason at most once a minute. Anything else (a handler's bug, too many open files) is a
         * {@code WARNING} with its stack trace. The default handler never throws: it loads what
         * logging needs when the server starts, and if logging fails all the same it writes one
         * plain line to {@code System.err}.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder errorHandler(Consumer<Throwable> handler) {
            this.errorHandler = Objects.requireNonNull(handler, "errorHandler");
            return this;
        }

        /**
         * Sets the longest pause between accept attempts after repeated accept errors; the pause
         * starts at 5 ms and doubles up to this. Defaults to one second.
         *
         * @param backoff at least 1 ms
         * @return this builder
         * @throws IllegalArgumentException if shorter than 1 ms
         */
        public Builder maxAcceptBackoff(Duration backoff) {
            Objects.requireNonNull(backoff, "maxAcceptBackoff");
            if (backoff.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("maxAcceptBackoff must be at least 1 ms, not " + backoff);
            }
            this.maxAcceptBackoff = backoff;
            return this;
        }

        /**
         * Limits how many connections the server keeps open at once (see {@link ConnectionLimit}):
         * applied in the accept loop, before any TLS handshake, under {@code serve},
         * {@code serveWhenReadable} and {@code accept}. Defaults to {@link ConnectionLimit#none()}.
         *
         * @param limit the limit
         * @return this builder
         */
        public Builder connectionLimit(ConnectionLimit limit) {
            this.connectionLimit = Objects.requireNonNull(limit, "connectionLimit");
            return this;
        }

        /**
         * Makes the server speak TLS: required for {@code tls://} URIs, and turns a
         * {@code unix://} server into TLS over a Unix socket; a {@code tcp://} server refuses it.
         * Each client's handshake runs on the client's own virtual thread (or in the thread
         * calling {@link Server#accept()}), never in the accept loop; a failed or timed-out
         * handshake closes that connection, goes to the {@linkplain #errorHandler(Consumer) error
         * handler}, and the server keeps serving. Defaults to none.
         *
         * @param options the TLS options, or {@code null} for none
         * @return this builder
         */
        public Builder tls(TlsServerOptions options) {
            this.tls = options;
            return this;
        }

        /**
         * Sets how long a connection handed to {@link Server#serve} or
         * {@link Server#serveWhenReadable} may go without a read or a write that moves bytes
         * before the server closes it, on TCP, TLS and Unix sockets alike. A read waiting for
         * data and a write the peer does not take count as idle; a handler that stops using its
         * connection (busy elsewhere) lets it go idle too. A read or write the handler makes on a
         * connection so closed, or one blocked at that moment, fails with
         * {@link java.net.SocketTimeoutException} naming the client and the timeout. Each connection
         * so closed is reported once, when it is closed, whether a call was using it or not (under
         * {@code serveWhenReadable}, between calls too) and whatever its handler does with the
         * exception: counted as {@link ServerStats.ClientFailure#TIMEOUT}, told to the
         * {@linkplain ServerListener#failed listener} and the {@code dev.shuttle.ClientFailure} JFR
         * event, and handed to the {@linkplain #errorHandler(Consumer) error handler} (a handler
         * rethrowing it is not reported again). The connection is closed
         * at most a quarter of the timeout (and at most a second) after it has passed. The TLS
         * handshake has its own timeout ({@link TlsServerOptions#handshakeTimeout()}), and a
         * connection whose socket the handler takes with {@link Connection#unwrap} (as
         * {@link StartTls#server} does) is no longer watched, since its reads and writes are no
         * longer seen. Connections returned by {@link Server#accept()} are the caller's and never
         * closed. Defaults to {@link Duration#ZERO}: connections may stay idle for ever.
         *
         * @param timeout zero for none, or positive; {@link Integer#MAX_VALUE} milliseconds (about
         *     24.8 days) or more, such as {@code ChronoUnit.FOREVER}, is also none, as for every
         *     Shuttle timeout
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder idleTimeout(Duration timeout) {
            int millis = dev.shuttle.internal.io.Timeouts.millis("idleTimeout", timeout);
            this.idleTimeout = Duration.ofMillis(millis);
            return this;
        }

        /**
         * Makes the server read a PROXY protocol header (v1 or v2) at the start of each connection,
         * from the trusted sources only, before anything else (before the TLS handshake of a
         * {@code tls://} server); the connection's remote address is then the original client. A
         * connection from an untrusted peer, or with a missing, malformed, too long or too slow
         * header, is closed and goes to the {@linkplain #errorHandler(Consumer) error handler}
         * (unless the setting makes the header {@linkplain ProxyProtocol.Builder#headerOptional
         * optional} for the trusted sources). The header is read on the connection's own thread,
         * never in the accept loop. Defaults to none.
         *
         * @param setting the setting, or {@code null} for none
         * @return this builder
         * @see ProxyProtocol
         */
        public Builder proxyProtocol(ProxyProtocol setting) {
            this.proxyProtocol = setting;
            return this;
        }

        /**
         * {@return the options}
         *
         * @throws IllegalArgumentException if no listening socket on this platform takes one of
         *     the {@linkplain #listenerOption listener options}, naming it
         */
        public ServerOptions build() {
            for (java.net.SocketOption<?> option : listenerOptions.keySet()) {
                if (!dev.shuttle.internal.io.SupportedSocketOptions.supports(
                        dev.shuttle.internal.io.SupportedSocketOptions.Kind.TCP_LISTENER, option)
                        && !dev.shuttle.internal.io.SupportedSocketOptions.supports(
                                dev.shuttle.internal.io.SupportedSocketOptions.Kind.UNIX_LISTENER, option)) {
                    throw new IllegalArgumentException("socket option " + option.name()
                            + " is not supported by listening sockets on this platform");
                }
            }
            return new ServerOptions(this);
        }
    }
}
