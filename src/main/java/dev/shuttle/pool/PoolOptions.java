package dev.shuttle.pool;

import dev.shuttle.ConnectListener;
import dev.shuttle.Endpoint;
import java.time.Duration;
import java.util.Objects;
import java.util.Arrays;
import java.util.List;

/**
 * Options of a {@link ConnectionPool}: how many connections it keeps per endpoint, for how long,
 * and how long a caller waits for one when an endpoint is at its limit.
 *
 * <p>Immutable; build with {@link #builder()} or vary with {@link #toBuilder()}. Builders are not
 * thread-safe.
 *
 * {@snippet :
 * PoolOptions options = PoolOptions.builder()
 *         .maxConnectionsPerEndpoint(4)
 *         .idleTimeout(Duration.ofSeconds(30))
 *         .maxWait(Duration.ofSeconds(2))
 *         .build();
 * }
 */
public final class PoolOptions {
    private final int maxConnectionsPerEndpoint;
    private final int maxIdlePerEndpoint;
    private final Duration idleTimeout;
    private final Duration maxLifetime;
    private final Duration maxWait;
    private final ConnectListener listener;

    private PoolOptions(Builder builder) {
        this.listener = builder.listener;
        this.maxConnectionsPerEndpoint = builder.maxConnectionsPerEndpoint;
        this.maxIdlePerEndpoint = builder.maxIdleSet ? builder.maxIdlePerEndpoint : -1;
        this.idleTimeout = builder.idleTimeout;
        this.maxLifetime = builder.maxLifetime;
        this.maxWait = builder.maxWait;
    }

    /**
     * {@return the defaults: 8 connections per endpoint, all of which may idle, for a minute; a
     * connect waits up to 10 seconds for a free connection; no limit on a connection's lifetime}
     */
    public static PoolOptions defaults() {
        return builder().build();
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.maxConnectionsPerEndpoint = maxConnectionsPerEndpoint;
        builder.maxIdlePerEndpoint = maxIdlePerEndpoint;
        builder.maxIdleSet = maxIdlePerEndpoint >= 0;
        builder.idleTimeout = idleTimeout;
        builder.maxLifetime = maxLifetime;
        builder.maxWait = maxWait;
        builder.listener = listener;
        return builder;
    }

    /** {@return the most connections to one endpoint at once, in use and idle together} */
    public int maxConnectionsPerEndpoint() {
        return maxConnectionsPerEndpoint;
    }

    /** {@return the most idle connections kept per endpoint} */
    public int maxIdlePerEndpoint() {
        // -1: not set, so it follows maxConnectionsPerEndpoint (also through toBuilder()).
        return maxIdlePerEndpoint < 0 ? maxConnectionsPerEndpoint : maxIdlePerEndpoint;
    }

    /** {@return how long a connection may stay idle before it is closed; zero for no limit} */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** {@return how long after its connect a connection stops being reused; zero for no limit} */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /** {@return how long a connect waits for a connection when its endpoint is at the limit} */
    public Duration maxWait() {
        return maxWait;
    }

    /** {@return the listener told of connections reused, opened and evicted} */
    public ConnectListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        return "PoolOptions[maxConnectionsPerEndpoint=" + maxConnectionsPerEndpoint + ", maxIdlePerEndpoint="
                + maxIdlePerEndpoint() + ", idleTimeout=" + idleTimeout + ", maxLifetime=" + maxLifetime
                + ", maxWait=" + maxWait + "]";
    }


    /** {@return the settings, in declaration order: what {@link #equals} and {@link #hashCode} compare} */
    private List<Object> values() {
        return Arrays.asList(
                maxConnectionsPerEndpoint,
                maxIdlePerEndpoint,
                idleTimeout,
                maxLifetime,
                maxWait,
                listener);
    }

    /**
     * Two options are equal when every setting is equal. Settings that are code (listeners,
     * resolvers, error handlers) are equal when they are the same object.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof PoolOptions that && values().equals(that.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    /** Builds {@link PoolOptions}; not thread-safe. */
    public static final class Builder {
        private int maxConnectionsPerEndpoint = 8;
        /** Meaningful only when {@link #maxIdleSet}; until then it follows maxConnectionsPerEndpoint. */
        private int maxIdlePerEndpoint = -1;
        private boolean maxIdleSet;
        private Duration idleTimeout = Duration.ofMinutes(1);
        private Duration maxLifetime = Duration.ZERO;
        private Duration maxWait = Duration.ofSeconds(10);
        private ConnectListener listener = ConnectListener.NONE;

        private Builder() {}

        /**
         * Sets the listener told of each connection the pool hands out
         * ({@link ConnectListener#poolConnectionAcquired}, reused or opened) and of each idle one
         * it closes ({@link ConnectListener#poolConnectionEvicted}), on the thread that connects or
         * gives back. A {@code RuntimeException} it throws is logged and ignored; an {@code Error}
         * closes the connection being handed out and is thrown by {@code connect} (or by the
         * {@code close} giving a connection back). Defaults to {@link ConnectListener#NONE}.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(ConnectListener listener) {
            this.listener = java.util.Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets the most connections to one endpoint (one canonical URI, see {@link Endpoint}) at
         * once, in use and idle together. Defaults to 8.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxConnectionsPerEndpoint(int max) {
            this.maxConnectionsPerEndpoint = max;
            return this;
        }

        /**
         * Sets the most idle connections kept per endpoint; a connection given back when that many
         * are idle is closed. Zero keeps none (every connection is closed after use). Defaults to
         * {@link #maxConnectionsPerEndpoint(int)}.
         *
         * @param max zero up to the most connections per endpoint
         * @return this builder
         */
        public Builder maxIdlePerEndpoint(int max) {
            this.maxIdlePerEndpoint = max;
            this.maxIdleSet = true;
            return this;
        }

        /**
         * Sets how long a connection may stay idle in the pool. The pool starts no thread: an
         * expired connection is never handed out, and is closed at the pool's next connect or
         * give-back for the same endpoint; connections of other endpoints are closed by a sweep
         * over all endpoints, which runs during a connect or give-back at most once every quarter
         * of the idle timeout (or of {@link #maxLifetime(Duration)}, if shorter); and all of them
         * when the pool is closed. So an expired connection of an endpoint no longer used stays
         * open until the pool's next use after the sweep period. Defaults to 1 minute;
         * {@link Duration#ZERO} sets no limit (a connection idles until the peer closes it,
         * {@link #maxLifetime(Duration)} or the pool's close), as for the other options. A
         * duration too long for nanoseconds, such as {@code Duration.ofSeconds(Long.MAX_VALUE)},
         * means for ever.
         *
         * @param timeout zero (no limit) or positive
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout, "idleTimeout");
            return this;
        }

        /**
         * Sets how long after its connect a connection may be reused; an older one is closed when
         * it is given back or found idle. Defaults to {@link Duration#ZERO}: no limit. A duration
         * too long for nanoseconds, such as {@code Duration.ofSeconds(Long.MAX_VALUE)}, means for
         * ever.
         *
         * @param lifetime zero (no limit) or positive
         * @return this builder
         */
        public Builder maxLifetime(Duration lifetime) {
            this.maxLifetime = Objects.requireNonNull(lifetime, "maxLifetime");
            return this;
        }

        /**
         * Sets how long a connect waits for a connection when its endpoint already has
         * {@link #maxConnectionsPerEndpoint(int)} connections, all in use. Then it throws
         * {@link java.net.SocketTimeoutException} naming the URI and the limit. Zero fails at once;
         * a duration too long for nanoseconds, such as {@code Duration.ofSeconds(Long.MAX_VALUE)},
         * waits for ever. Defaults to 10 seconds.
         *
         * @param wait zero or positive
         * @return this builder
         */
        public Builder maxWait(Duration wait) {
            this.maxWait = Objects.requireNonNull(wait, "maxWait");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException naming the option and its value, if one is out of range
         */
        public PoolOptions build() {
            if (maxConnectionsPerEndpoint < 1) {
                throw new IllegalArgumentException(
                        "maxConnectionsPerEndpoint must be at least 1, not " + maxConnectionsPerEndpoint);
            }
            if (maxIdleSet) {
                if (maxIdlePerEndpoint < 0) {
                    throw new IllegalArgumentException("maxIdlePerEndpoint must be zero or positive, not " + maxIdlePerEndpoint);
                }
                if (maxIdlePerEndpoint > maxConnectionsPerEndpoint) {
                    throw new IllegalArgumentException("maxIdlePerEndpoint " + maxIdlePerEndpoint
                            + " is more than maxConnectionsPerEndpoint " + maxConnectionsPerEndpoint);
                }
            }
            if (idleTimeout.isNegative()) {
                throw new IllegalArgumentException("idleTimeout must be zero (no limit) or positive, not " + idleTimeout);
            }
            if (maxLifetime.isNegative()) {
                throw new IllegalArgumentException("maxLifetime must be zero (no limit) or positive, not " + maxLifetime);
            }
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException("maxWait must be zero or positive, not " + maxWait);
            }
            return new PoolOptions(this);
        }
    }
}
