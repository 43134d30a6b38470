package dev.shuttle.internal.io;

import java.time.Duration;
import java.util.Objects;

/** Converts and checks the {@link Duration}s of socket timeouts. */
public final class Timeouts {
    private Timeouts() {}

    /**
     * Converts a read timeout to the milliseconds {@code SO_TIMEOUT} takes, rounding a positive
     * sub-millisecond value up to 1 so that it does not mean "for ever".
     *
     * @param name the option's name, for the message
     * @param timeout zero for none, or positive
     * @return milliseconds, 0 for none
     * @throws IllegalArgumentException if negative
     */
    public static int millis(String name, Duration timeout) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero (none) or positive, not " + timeout);
        }
        if (timeout.isZero()) {
            return 0;
        }
        long millis = Math.max(1, timeout.toMillis() + (timeout.toNanosPart() % 1_000_000 == 0 ? 0 : 1));
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }
}
