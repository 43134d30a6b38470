package dev.shuttle.udp;

import dev.shuttle.Resolver;
import dev.shuttle.internal.udp.UdpErrorLog;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.Arrays;
import java.util.List;

/**
 * Options of a {@link UdpSocket} and a {@link UdpServer}.
 *
 * <p>Immutable; build with {@link #builder()} or vary with {@link #toBuilder()}. Builders are not
 * thread-safe.
 *
 * {@snippet :
 * UdpOptions options = UdpOptions.builder()
 *         .receiveTimeout(Duration.ofSeconds(2))
 *         .maxDatagramSize(1472)
 *         .build();
 * try (UdpSocket socket = UdpSocket.connect("udp://127.0.0.1:5300", options)) {
 *     socket.send(query);
 *     byte[] answer = socket.receive();
 * }
 * }
 */
public final class UdpOptions {
    /**
     * The largest UDP payload there is: 65,535 bytes of IPv6 payload less the 8-byte UDP header.
     * Over IPv4 the largest is {@value #MAX_IPV4_PAYLOAD}.
     */
    public static final int MAX_IPV6_PAYLOAD = 65_527;
    /** The largest UDP payload over IPv4: 65,535 bytes less the 20-byte IPv4 and 8-byte UDP headers. */
    public static final int MAX_IPV4_PAYLOAD = 65_507;

    private static final Consumer<Throwable> LOG_ERRORS = new UdpErrorLog(System.getLogger("dev.shuttle.udp"));

    private final Resolver resolver;
    private final Duration receiveTimeout;
    private final int maxDatagramSize;
    private final int receiveBufferSize;
    private final int sendBufferSize;
    private final int maxConcurrentHandlers;
    private final Consumer<Throwable> errorHandler;

    private UdpOptions(Builder builder) {
        this.resolver = builder.resolver;
        this.receiveTimeout = builder.receiveTimeout;
        this.maxDatagramSize = builder.maxDatagramSize;
        this.receiveBufferSize = builder.receiveBufferSize;
        this.sendBufferSize = builder.sendBufferSize;
        this.maxConcurrentHandlers = builder.maxConcurrentHandlers;
        this.errorHandler = builder.errorHandler;
    }

    /** {@return the default options} */
    public static UdpOptions defaults() {
        return Defaults.OPTIONS;
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.resolver = resolver;
        builder.receiveTimeout = receiveTimeout;
        builder.maxDatagramSize = maxDatagramSize;
        builder.receiveBufferSize = receiveBufferSize;
        builder.sendBufferSize = sendBufferSize;
        builder.maxConcurrentHandlers = maxConcurrentHandlers;
        builder.errorHandler = errorHandler;
        return builder;
    }

    /** {@return what resolves the hostname of {@link UdpSocket#connect(String, UdpOptions)}} */
    public Resolver resolver() {
        return resolver;
    }

    /** {@return how long a receive waits for a datagram; {@link Duration#ZERO} for ever} */
    public Duration receiveTimeout() {
        return receiveTimeout;
    }

    /** {@return the largest datagram a receive accepts, in bytes of payload} */
    public int maxDatagramSize() {
        return maxDatagramSize;
    }

    /** {@return the socket's receive buffer (SO_RCVBUF) in bytes; 0 for the system's default} */
    public int receiveBufferSize() {
        return receiveBufferSize;
    }

    /** {@return the socket's send buffer (SO_SNDBUF) in bytes; 0 for the system's default} */
    public int sendBufferSize() {
        return sendBufferSize;
    }

    /** {@return how many handlers {@link UdpServer#serve(DatagramHandler)} runs at once} */
    public int maxConcurrentHandlers() {
        return maxConcurrentHandlers;
    }

    /** {@return what receives a server's receive errors and handler failures} */
    public Consumer<Throwable> errorHandler() {
        return errorHandler;
    }

    /** Built on first use, so that loading this class does not start a DNS resolver. */
    private static final class Defaults {
        static final UdpOptions OPTIONS = builder().build();
    }


    /** {@return the settings, in declaration order: what {@link #equals} and {@link #hashCode} compare} */
    private List<Object> values() {
        return Arrays.asList(
                resolver,
                receiveTimeout,
                maxDatagramSize,
                receiveBufferSize,
                sendBufferSize,
                maxConcurrentHandlers,
                errorHandler);
    }

    /**
     * Two options are equal when every setting is equal. Settings that are code (listeners,
     * resolvers, error handlers) are equal when they are the same object.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof UdpOptions that && values().equals(that.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    @Override
    public String toString() {
        return "UdpOptions[resolver=" + resolver
                + ", receiveTimeout=" + receiveTimeout
                + ", maxDatagramSize=" + maxDatagramSize
                + ", receiveBufferSize=" + receiveBufferSize
                + ", sendBufferSize=" + sendBufferSize
                + ", maxConcurrentHandlers=" + maxConcurrentHandlers
                + ", errorHandler=" + errorHandler + "]";
    }

    /** Builds {@link UdpOptions}. Not thread-safe. */
    public static final class Builder {
        private Resolver resolver;
        private Duration receiveTimeout = Duration.ZERO;
        private int maxDatagramSize = MAX_IPV6_PAYLOAD;
        private int receiveBufferSize;
        private int sendBufferSize;
        private int maxConcurrentHandlers = 256;
        private Consumer<Throwable> errorHandler = LOG_ERRORS;

        private Builder() {}

        /**
         * Sets what resolves a hostname given to {@link UdpSocket#connect(String, UdpOptions)}.
         * Defaults to {@link Resolver#dns()}: dnsjava with a cache, the hosts file first, the
         * system's nameservers and search domains.
         *
         * @param resolver the resolver
         * @return this builder
         */
        public Builder resolver(Resolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Sets how long {@code receive} waits for a datagram before it throws
         * {@link java.net.SocketTimeoutException}; the socket stays usable. Defaults to
         * {@link Duration#ZERO}: wait for ever. Changed later with {@code setReceiveTimeout}.
         *
         * @param timeout zero or positive; rounded up to whole milliseconds
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder receiveTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "receiveTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("receiveTimeout must be zero (none) or positive, not " + timeout);
            }
            this.receiveTimeout = timeout;
            return this;
        }

        /**
         * Sets the largest datagram a receive accepts. A larger datagram is never handed on cut
         * short: the receive consumes it and throws {@link DatagramTooLargeException} (a server's
         * {@code serve} reports it to the error handler and goes on). Defaults to
         * {@value UdpOptions#MAX_IPV6_PAYLOAD}, the largest there is, so by default every datagram
         * is accepted. Each socket that receives keeps a buffer of this size plus one byte from
         * its first receive on: lower it (to 1,232 for DNS, say) when many sockets are open.
         *
         * @param bytes 1 to {@value UdpOptions#MAX_IPV6_PAYLOAD}
         * @return this builder
         * @throws IllegalArgumentException if outside that range
         */
        public Builder maxDatagramSize(int bytes) {
            if (bytes < 1 || bytes > MAX_IPV6_PAYLOAD) {
                throw new IllegalArgumentException("maxDatagramSize must be 1 to " + MAX_IPV6_PAYLOAD + " bytes, not " + bytes);
            }
            this.maxDatagramSize = bytes;
            return this;
        }

        /**
         * Sets the socket's receive buffer (SO_RCVBUF): how many bytes of datagrams the kernel
         * keeps while nobody receives; datagrams beyond it are dropped. Defaults to 0: the
         * system's default (the kernel may double or cap the value).
         *
         * @param bytes 0 or positive
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder receiveBufferSize(int bytes) {
            this.receiveBufferSize = notNegative("receiveBufferSize", bytes);
            return this;
        }

        /**
         * Sets the socket's send buffer (SO_SNDBUF). Defaults to 0: the system's default.
         *
         * @param bytes 0 or positive
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder sendBufferSize(int bytes) {
            this.sendBufferSize = notNegative("sendBufferSize", bytes);
            return this;
        }

        /**
         * Sets how many handlers {@link UdpServer#serve(DatagramHandler)} runs at once, each on a
         * virtual thread of its own. When that many are running, the server stops receiving until
         * one returns, and new datagrams wait in the socket's receive buffer (where the kernel
         * drops what does not fit, as UDP does). 1 handles datagrams one after the other, in the
         * order they arrived. Defaults to 256.
         *
         * @param handlers at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxConcurrentHandlers(int handlers) {
            if (handlers < 1) {
                throw new IllegalArgumentException("maxConcurrentHandlers must be at least 1, not " + handlers);
            }
            this.maxConcurrentHandlers = handlers;
            return this;
        }

        /**
         * Sets what receives a server's receive errors (a datagram too large, an I/O error) and the
         * exceptions its handlers throw; the server keeps serving after either. Called on the
         * receiving or the handler's thread; it should not block. A {@code RuntimeException} it
         * throws is logged; an {@code Error} it throws ends serving: {@code serve} closes the
         * server and throws that error. Defaults to logging at
         * {@code WARNING} through the {@code System.Logger} named {@code dev.shuttle.udp}, with the
         * stack trace; a {@link DatagramTooLargeException}, which a peer can send in a flood, is
         * logged without one, at {@code WARNING} the first time and every 1000th time, at
         * {@code DEBUG} otherwise.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder errorHandler(Consumer<Throwable> handler) {
            this.errorHandler = Objects.requireNonNull(handler, "errorHandler");
            return this;
        }

        private static int notNegative(String option, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(option + " must be 0 (the system's default) or positive, not " + value);
            }
            return value;
        }

        /** {@return the options} */
        public UdpOptions build() {
            if (resolver == null) {
                resolver = Resolver.dns();
            }
            return new UdpOptions(this);
        }
    }
}
