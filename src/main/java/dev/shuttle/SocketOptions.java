package dev.shuttle;

import dev.shuttle.internal.io.SupportedSocketOptions;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Options of a TCP socket, for the connections a connector opens or a server accepts.
 *
 * <p>Immutable; build with {@link #builder()} or vary with {@link #toBuilder()}. Builders are not
 * thread-safe. {@link Builder#build()} refuses an option this platform's TCP sockets do not take,
 * naming it; a connect to, or a server on, a {@code unix://} address refuses the options Unix
 * sockets do not take (everything but the buffer sizes, linger and generic options they support),
 * naming them, before any I/O: no option is ever silently dropped.
 *
 * {@snippet :
 * SocketOptions options = SocketOptions.builder()
 *         .keepAlive(true).keepAliveIdle(Duration.ofSeconds(30)).keepAliveInterval(Duration.ofSeconds(5)).keepAliveCount(4)
 *         .receiveBufferSize(256 * 1024)
 *         .option(ExtendedSocketOptions.TCP_QUICKACK, true)
 *         .build();
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
    private final Duration keepAliveIdle;
    private final Duration keepAliveInterval;
    private final int keepAliveCount;
    private final Duration linger;
    private final int trafficClass;
    private final Map<SocketOption<?>, Object> options;

    private SocketOptions(Builder builder) {
        this.keepAliveIdle = builder.keepAliveIdle;
        this.keepAliveInterval = builder.keepAliveInterval;
        this.keepAliveCount = builder.keepAliveCount;
        this.linger = builder.linger;
        this.trafficClass = builder.trafficClass;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(builder.options));
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
        builder.keepAliveIdle = keepAliveIdle;
        builder.keepAliveInterval = keepAliveInterval;
        builder.keepAliveCount = keepAliveCount;
        builder.linger = linger;
        builder.trafficClass = trafficClass;
        builder.options.putAll(options);
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

    /** {@return how long a connection stays idle before the first keep-alive probe (TCP_KEEPIDLE), if set} */
    public Optional<Duration> keepAliveIdle() {
        return Optional.ofNullable(keepAliveIdle);
    }

    /** {@return the time between keep-alive probes (TCP_KEEPINTERVAL), if set} */
    public Optional<Duration> keepAliveInterval() {
        return Optional.ofNullable(keepAliveInterval);
    }

    /** {@return how many unanswered probes close the connection (TCP_KEEPCOUNT), if set} */
    public OptionalInt keepAliveCount() {
        return keepAliveCount == 0 ? OptionalInt.empty() : OptionalInt.of(keepAliveCount);
    }

    /** {@return how long {@code close} lingers to send unsent data (SO_LINGER), if set; zero resets the connection} */
    public Optional<Duration> linger() {
        return Optional.ofNullable(linger);
    }

    /** {@return the IP type of service / traffic class byte (IP_TOS), if set} */
    public OptionalInt trafficClass() {
        return trafficClass < 0 ? OptionalInt.empty() : OptionalInt.of(trafficClass);
    }

    /** {@return the other socket options set with {@link Builder#option}, in the order set; unmodifiable} */
    public Map<SocketOption<?>, Object> options() {
        return options;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("SocketOptions[tcpNoDelay=" + tcpNoDelay + ", keepAlive=" + keepAlive
                + ", sendBufferSize=" + sendBufferSize + ", receiveBufferSize=" + receiveBufferSize + ", localAddress="
                + localAddress + ", reuseAddress=" + reuseAddress);
        if (keepAliveIdle != null) {
            text.append(", keepAliveIdle=").append(keepAliveIdle);
        }
        if (keepAliveInterval != null) {
            text.append(", keepAliveInterval=").append(keepAliveInterval);
        }
        if (keepAliveCount != 0) {
            text.append(", keepAliveCount=").append(keepAliveCount);
        }
        if (linger != null) {
            text.append(", linger=").append(linger);
        }
        if (trafficClass >= 0) {
            text.append(", trafficClass=").append(trafficClass);
        }
        options.forEach((option, value) -> text.append(", ").append(option.name()).append('=').append(value));
        return text.append(']').toString();
    }

    /** Builds {@link SocketOptions}. Not thread-safe. */
    public static final class Builder {
        private boolean tcpNoDelay = true;
        private boolean keepAlive;
        private int sendBufferSize;
        private int receiveBufferSize;
        private InetSocketAddress localAddress;
        private boolean reuseAddress;
        private Duration keepAliveIdle;
        private Duration keepAliveInterval;
        private int keepAliveCount;
        private Duration linger;
        private int trafficClass = -1;
        private final Map<SocketOption<?>, Object> options = new LinkedHashMap<>();

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

        /**
         * Sets how long a connection stays idle before TCP sends the first keep-alive probe
         * ({@code TCP_KEEPIDLE}, whole seconds). Needs {@link #keepAlive(boolean) keepAlive(true)}.
         * Defaults to none: the system's setting (two hours on Linux).
         *
         * @param idle at least one second, or {@code null} for the system's setting
         * @return this builder
         * @throws IllegalArgumentException if shorter than one second
         */
        public Builder keepAliveIdle(Duration idle) {
            this.keepAliveIdle = seconds("keepAliveIdle", idle);
            return this;
        }

        /**
         * Sets the time between keep-alive probes ({@code TCP_KEEPINTERVAL}, whole seconds). Needs
         * {@link #keepAlive(boolean) keepAlive(true)}. Defaults to none: the system's setting.
         *
         * @param interval at least one second, or {@code null} for the system's setting
         * @return this builder
         * @throws IllegalArgumentException if shorter than one second
         */
        public Builder keepAliveInterval(Duration interval) {
            this.keepAliveInterval = seconds("keepAliveInterval", interval);
            return this;
        }

        /**
         * Sets how many unanswered keep-alive probes close the connection ({@code TCP_KEEPCOUNT}).
         * Needs {@link #keepAlive(boolean) keepAlive(true)}. Defaults to 0: the system's setting (9
         * on Linux).
         *
         * @param probes 1 to 127, or 0 for the system's setting
         * @return this builder
         * @throws IllegalArgumentException if outside 0 to 127
         */
        public Builder keepAliveCount(int probes) {
            if (probes < 0 || probes > 127) {
                throw new IllegalArgumentException("keepAliveCount must be 1 to 127 (or 0 for the system's setting), not " + probes);
            }
            this.keepAliveCount = probes;
            return this;
        }

        /**
         * Sets how long {@code close} blocks to send data still unsent ({@code SO_LINGER}, whole
         * seconds); {@link Duration#ZERO} makes {@code close} reset the connection (RST) and drop
         * unsent data. Defaults to none: {@code close} returns at once and the system sends the
         * rest in the background.
         *
         * @param linger zero or more, or {@code null} for none
         * @return this builder
         * @throws IllegalArgumentException if negative or longer than 65535 seconds
         */
        public Builder linger(Duration linger) {
            if (linger != null && (linger.isNegative() || linger.getSeconds() > 65_535)) {
                throw new IllegalArgumentException("linger must be 0 to 65535 seconds (or null for none), not " + linger);
            }
            this.linger = linger;
            return this;
        }

        /**
         * Sets the IP type-of-service / traffic class byte ({@code IP_TOS}; for IPv6 the traffic
         * class), such as a DSCP value shifted left by two. Defaults to none: the system's (0).
         *
         * @param value 0 to 255, or -1 for none
         * @return this builder
         * @throws IllegalArgumentException if outside -1 to 255
         */
        public Builder trafficClass(int value) {
            if (value < -1 || value > 255) {
                throw new IllegalArgumentException("trafficClass must be 0 to 255 (or -1 for none), not " + value);
            }
            this.trafficClass = value;
            return this;
        }

        /**
         * Sets any other option the JDK's TCP sockets support, such as
         * {@code StandardSocketOptions.SO_REUSEPORT} or a {@code jdk.net.ExtendedSocketOptions}
         * option (such as {@code TCP_QUICKACK} on Linux). Set after the named settings
         * above, so it overrides them. {@link #build()} refuses an option this platform's TCP
         * sockets do not support.
         *
         * @param option the option
         * @param value its value, of the option's type
         * @param <T> the option's type
         * @return this builder
         * @throws IllegalArgumentException if the value is not of the option's type
         */
        public <T> Builder option(SocketOption<T> option, T value) {
            Objects.requireNonNull(option, "option");
            Objects.requireNonNull(value, () -> "the value of socket option " + option.name());
            if (!option.type().isInstance(value)) {
                throw new IllegalArgumentException("socket option " + option.name() + " takes a " + option.type().getSimpleName()
                        + ", not " + value.getClass().getSimpleName() + " " + value);
            }
            options.put(option, value);
            return this;
        }

        /**
         * {@return the options}
         *
         * @throws IllegalArgumentException if keep-alive tuning is set without
         *     {@code keepAlive(true)}, or this platform's TCP sockets do not support an option set,
         *     naming it
         */
        public SocketOptions build() {
            String tuning = keepAliveIdle != null ? "keepAliveIdle" : keepAliveInterval != null ? "keepAliveInterval"
                    : keepAliveCount != 0 ? "keepAliveCount" : null;
            if (tuning != null && !keepAlive) {
                throw new IllegalArgumentException(tuning + " is set but keep-alive is off: call keepAlive(true) as well");
            }
            requireExtended("keepAliveIdle", "TCP_KEEPIDLE", keepAliveIdle != null);
            requireExtended("keepAliveInterval", "TCP_KEEPINTERVAL", keepAliveInterval != null);
            requireExtended("keepAliveCount", "TCP_KEEPCOUNT", keepAliveCount != 0);
            for (SocketOption<?> option : options.keySet()) {
                if (!SupportedSocketOptions.supports(SupportedSocketOptions.Kind.TCP, option)) {
                    throw new IllegalArgumentException("socket option " + option.name()
                            + " is not supported by TCP sockets on this platform");
                }
            }
            return new SocketOptions(this);
        }

        private static void requireExtended(String setting, String option, boolean set) {
            if (set && SupportedSocketOptions.tcpOption(option).isEmpty()) {
                throw new IllegalArgumentException(setting + " (" + option + ") is not supported by TCP sockets on this platform ("
                        + System.getProperty("os.name") + ")");
            }
        }

        private static Duration seconds(String name, Duration value) {
            if (value != null && (value.compareTo(Duration.ofSeconds(1)) < 0 || value.getSeconds() > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException(name + " must be at least one second (or null for the system's setting), not "
                        + value);
            }
            return value;
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
                && Objects.equals(o.localAddress, localAddress) && o.reuseAddress == reuseAddress
                && Objects.equals(o.keepAliveIdle, keepAliveIdle) && Objects.equals(o.keepAliveInterval, keepAliveInterval)
                && o.keepAliveCount == keepAliveCount && Objects.equals(o.linger, linger) && o.trafficClass == trafficClass
                && o.options.equals(options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tcpNoDelay, keepAlive, sendBufferSize, receiveBufferSize, localAddress, reuseAddress,
                keepAliveIdle, keepAliveInterval, keepAliveCount, linger, trafficClass, options);
    }
}
