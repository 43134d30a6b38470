package dev.shuttle;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of a TCP socket, for the connections a connector opens or a server accepts.
 *
 * <p>Immutable; build with {@link #builder()} or vary with {@link #toBuilder()}. Builders are not
 * thread-safe.
 *
 * {@snippet :
 * SocketOptions options = SocketOptions.builder().keepAlive(true).receiveBufferSize(256 * 1024).build();
 * }
 */
public final class SocketOptions {
    private static final SocketOptions DEFAULTS = builder().build();

    private final boolean tcpNoDelay;
    private final boolean keepAlive;
    private final int sendBufferSize;
    private final int receiveBufferSize;
    private final InetSocketAddress localAddress;
    private final boolean reuseAddress;

    private SocketOptions(Builder builder) {
        this.tcpNoDelay = builder.tcpNoDelay;
        this.keepAlive = builder.keepAlive;
        this.sendBufferSize = builder.sendBufferSize;
        this.receiveBufferSize = builder.receiveBufferSize;
        this.localAddress = builder.localAddress;
        this.reuseAddress = builder.reuseAddress;
    }

    /** {@return the defaults: TCP_NODELAY on, keep-alive off, the system's buffer sizes, any local address} */
    public static SocketOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.tcpNoDelay = tcpNoDelay;
        builder.keepAlive = keepAlive;
        builder.sendBufferSize = sendBufferSize;
        builder.receiveBufferSize = receiveBufferSize;
        builder.localAddress = localAddress;
        builder.reuseAddress = reuseAddress;
        return builder;
    }

    /** {@return whether Nagle's algorithm is off (TCP_NODELAY)} */
    public boolean tcpNoDelay() {
        return tcpNoDelay;
    }

    /** {@return whether TCP keep-alive probes are on (SO_KEEPALIVE)} */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** {@return the send buffer size in bytes (SO_SNDBUF), 0 for the system's default} */
    public int sendBufferSize() {
        return sendBufferSize;
    }

    /** {@return the receive buffer size in bytes (SO_RCVBUF), 0 for the system's default} */
    public int receiveBufferSize() {
        return receiveBufferSize;
    }

    /** {@return the local address a client socket binds to before connecting, if any} */
    public Optional<InetSocketAddress> localAddress() {
        return Optional.ofNullable(localAddress);
    }

    /** {@return whether a client socket sets SO_REUSEADDR before it binds its local address} */
    public boolean reuseAddress() {
        return reuseAddress;
    }

    @Override
    public String toString() {
        return "SocketOptions[tcpNoDelay=" + tcpNoDelay + ", keepAlive=" + keepAlive + ", sendBufferSize="
                + sendBufferSize + ", receiveBufferSize=" + receiveBufferSize + ", localAddress=" + localAddress
                + ", reuseAddress=" + reuseAddress + "]";
    }

    /** Builds {@link SocketOptions}. Not thread-safe. */
    public static final class Builder {
        private boolean tcpNoDelay = true;
        private boolean keepAlive;
        private int sendBufferSize;
        private int receiveBufferSize;
        private InetSocketAddress localAddress;
        private boolean reuseAddress;

        private Builder() {}

        /**
         * Turns Nagle's algorithm off (true) or on. Defaults to {@code true}: small writes leave at once.
         *
         * @param on whether TCP_NODELAY is set
         * @return this builder
         */
        public Builder tcpNoDelay(boolean on) {
            this.tcpNoDelay = on;
            return this;
        }

        /**
         * Turns TCP keep-alive probes on or off. Defaults to {@code false}.
         *
         * @param on whether SO_KEEPALIVE is set
         * @return this builder
         */
        public Builder keepAlive(boolean on) {
            this.keepAlive = on;
            return this;
        }

        /**
         * Sets the send buffer size. Defaults to 0, the system's default.
         *
         * @param bytes the size, or 0
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder sendBufferSize(int bytes) {
            this.sendBufferSize = nonNegative("sendBufferSize", bytes);
            return this;
        }

        /**
         * Sets the receive buffer size. Defaults to 0, the system's default.
         *
         * @param bytes the size, or 0
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder receiveBufferSize(int bytes) {
            this.receiveBufferSize = nonNegative("receiveBufferSize", bytes);
            return this;
        }

        /**
         * Sets the local address a client socket binds to before it connects. Defaults to none:
         * the system picks the address and an ephemeral port.
         *
         * @param address a resolved address (port 0 for any port), or {@code null} for none
         * @return this builder
         * @throws IllegalArgumentException if the address is unresolved
         */
        public Builder localAddress(InetSocketAddress address) {
            if (address != null && address.isUnresolved()) {
                throw new IllegalArgumentException("localAddress " + address + " is unresolved: give an IP address");
            }
            this.localAddress = address;
            return this;
        }

        /**
         * Sets SO_REUSEADDR on a client socket before it binds its {@linkplain #localAddress local
         * address}, so that it may bind a port other sockets with SO_REUSEADDR hold (one in
         * TIME_WAIT, say). Defaults to {@code false}.
         *
         * @param on whether SO_REUSEADDR is set
         * @return this builder
         */
        public Builder reuseAddress(boolean on) {
            this.reuseAddress = on;
            return this;
        }

        /** {@return the options} */
        public SocketOptions build() {
            return new SocketOptions(this);
        }

        private static int nonNegative(String name, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must be 0 (system default) or positive, not " + value);
            }
            return value;
        }
    }

    /** Compares all options. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SocketOptions o && o.tcpNoDelay == tcpNoDelay && o.keepAlive == keepAlive
                && o.sendBufferSize == sendBufferSize && o.receiveBufferSize == receiveBufferSize
                && Objects.equals(o.localAddress, localAddress) && o.reuseAddress == reuseAddress;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tcpNoDelay, keepAlive, sendBufferSize, receiveBufferSize, localAddress, reuseAddress);
    }
}
