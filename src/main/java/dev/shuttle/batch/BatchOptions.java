package dev.shuttle.batch;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.pool.ConnectionPool;
import java.time.Duration;
import java.util.Objects;
import java.util.Arrays;
import java.util.List;

/**
 * Options of a {@link Batch}: how many requests run at once, each request's read timeout and
 * deadline, and whether one failure stops the rest. How long a connect may take belongs to the
 * connector the batch is opened with ({@code ConnectorOptions.connectTimeout}, or
 * {@link Connector#withTimeout(Duration)} on any connector); a request's deadline covers its
 * connect as well.
 *
 * <p>Immutable; build with {@link #builder()} or vary with {@link #toBuilder()}. Builders are not
 * thread-safe.
 *
 * {@snippet :
 * BatchOptions options = BatchOptions.builder()
 *         .concurrency(8)
 *         .readTimeout(Duration.ofSeconds(5))
 *         .requestTimeout(Duration.ofSeconds(20))
 *         .build();
 * }
 */
public final class BatchOptions {
    private final int concurrency;
    private final Duration readTimeout;
    private final Duration requestTimeout;
    private final boolean failFast;

    private BatchOptions(Builder builder) {
        this.concurrency = builder.concurrency;
        this.readTimeout = builder.readTimeout;
        this.requestTimeout = builder.requestTimeout;
        this.failFast = builder.failFast;
    }

    /** {@return the defaults: 16 at once, 30 s per read, 1 minute per request} */
    public static BatchOptions defaults() {
        return builder().build();
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        return new Builder()
                .concurrency(concurrency)
                .readTimeout(readTimeout)
                .requestTimeout(requestTimeout)
                .failFast(failFast);
    }

    /** {@return the most requests running at once} */
    public int concurrency() {
        return concurrency;
    }


    /** {@return the read timeout set on each request's connection; zero for none} */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** {@return the longest a request may take from its start, connect and exchange; zero for no limit} */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** {@return whether the first failed request cancels the whole batch} */
    public boolean failFast() {
        return failFast;
    }

    @Override
    public String toString() {
        return "BatchOptions[concurrency=" + concurrency + ", readTimeout=" + readTimeout + ", requestTimeout=" + requestTimeout + ", failFast=" + failFast + "]";
    }


    /** {@return the settings, in declaration order: what {@link #equals} and {@link #hashCode} compare} */
    private List<Object> values() {
        return Arrays.asList(
                concurrency,
                readTimeout,
                requestTimeout,
                failFast);
    }

    /**
     * Two options are equal when every setting is equal. Settings that are code (listeners,
     * resolvers, error handlers) are equal when they are the same object.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof BatchOptions that && values().equals(that.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    /** Builds {@link BatchOptions}; not thread-safe. */
    public static final class Builder {
        private int concurrency = 16;
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofMinutes(1);
        private boolean failFast;

        private Builder() {}

        /**
         * Sets the most requests running at once (each connecting or exchanging); the others wait
         * in submission order. Defaults to 16.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder concurrency(int max) {
            this.concurrency = max;
            return this;
        }


        /**
         * Sets the read timeout of each request's connection ({@link Connection#setReadTimeout}),
         * before the exchange runs. Defaults to 30 seconds; zero sets none.
         *
         * @param timeout zero or positive
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "readTimeout");
            return this;
        }

        /**
         * Sets the longest a request may take from its start (connect and exchange together); at
         * that deadline it is interrupted, its connection closed, and it fails with
         * {@link java.net.SocketTimeoutException}. Defaults to 1 minute; zero sets no limit.
         *
         * @param timeout zero or positive
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "requestTimeout");
            return this;
        }

        /**
         * Makes the first failed request (not a cancelled one) cancel the whole batch, as
         * {@link Batch#cancel()} does. A request that fails by passing its
         * {@link #requestTimeout(Duration)} counts as failed, and so does one whose exchange
         * succeeded but whose connection's {@code close()} threw. Defaults to off: a failure stops
         * only its own request. (An {@link Error} from user code cancels the batch either way; see
         * {@link Batch}.)
         *
         * @param on whether to
         * @return this builder
         */
        public Builder failFast(boolean on) {
            this.failFast = on;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException naming the option and its value, if one is out of range
         */
        public BatchOptions build() {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
            }
            if (readTimeout.isNegative()) {
                throw new IllegalArgumentException("readTimeout must be zero (none) or positive, not " + readTimeout);
            }
            if (requestTimeout.isNegative()) {
                throw new IllegalArgumentException("requestTimeout must be zero (none) or positive, not " + requestTimeout);
            }
            return new BatchOptions(this);
        }
    }
}
