package dev.shuttle.internal.pool;

import dev.shuttle.PoolOptions;

/** When a pooled connection is too old to reuse: idle too long, or past its lifetime. */
record Expiry(long idleTimeoutNanos, long maxLifetimeNanos) {

    static Expiry of(PoolOptions options) {
        return new Expiry(options.idleTimeout().toNanos(), options.maxLifetime().toNanos());
    }

    boolean expired(IdleConnection connection, long now) {
        return now - connection.idleSince() >= idleTimeoutNanos || tooOld(connection.openedAt(), now);
    }

    boolean tooOld(long openedAt, long now) {
        return maxLifetimeNanos > 0 && now - openedAt >= maxLifetimeNanos;
    }

    /** {@return how often all endpoints are swept: a quarter of the shortest limit, at least 1 ms} */
    long sweepPeriodNanos() {
        long shortest = maxLifetimeNanos > 0 ? Math.min(idleTimeoutNanos, maxLifetimeNanos) : idleTimeoutNanos;
        return Math.max(1_000_000L, shortest / 4);
    }
}
