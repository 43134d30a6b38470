package dev.shuttle.internal.pool;

import dev.shuttle.pool.PoolOptions;
import dev.shuttle.internal.io.Timeouts;

/**
 * When a pooled connection is too old to reuse: idle too long, or past its lifetime. A limit of
 * zero is none; durations past the range of nanoseconds ("for ever") saturate.
 */
record Expiry(long idleTimeoutNanos, long maxLifetimeNanos) {
    /** The sweep period when there is no limit at all: deadlines compare by difference, which must not wrap. */
    private static final long NO_SWEEP = Long.MAX_VALUE / 4;

    static Expiry of(PoolOptions options) {
        return new Expiry(Timeouts.nanos(options.idleTimeout()), Timeouts.nanos(options.maxLifetime()));
    }

    boolean expired(IdleConnection connection, long now) {
        return (idleTimeoutNanos > 0 && now - connection.idleSince() >= idleTimeoutNanos)
                || tooOld(connection.openedAt(), now);
    }

    boolean tooOld(long openedAt, long now) {
        return maxLifetimeNanos > 0 && now - openedAt >= maxLifetimeNanos;
    }

    /** {@return how often all endpoints are swept: a quarter of the shortest limit, at least 1 ms} */
    long sweepPeriodNanos() {
        long shortest = Math.min(idleTimeoutNanos > 0 ? idleTimeoutNanos : Long.MAX_VALUE,
                maxLifetimeNanos > 0 ? maxLifetimeNanos : Long.MAX_VALUE);
        return Math.min(NO_SWEEP, Math.max(1_000_000L, shortest / 4));
    }
}
