package dev.shuttle.internal.io;

import dev.shuttle.Endpoint;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** Converts and checks the {@link Duration}s of timeouts, and words them in messages. */
public final class Timeouts {
    private Timeouts() {}

    /**
     * Converts a read timeout to the milliseconds {@code SO_TIMEOUT} takes, rounding a positive
     * sub-millisecond value up to 1 so that it does not mean "for ever". A timeout of
     * {@link Integer#MAX_VALUE} milliseconds (about 24.8 days) or more, such as
     * {@code ChronoUnit.FOREVER}'s, is "for ever" (0), not silently 24.8 days.
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
        if (timeout.getSeconds() > Integer.MAX_VALUE / 1000) {
            return 0; // beyond what SO_TIMEOUT holds, such as Duration.ofSeconds(Long.MAX_VALUE): for ever
        }
        long millis = Math.max(1, timeout.toMillis() + (timeout.toNanosPart() % 1_000_000 == 0 ? 0 : 1));
        return millis >= Integer.MAX_VALUE ? 0 : (int) millis;
    }

    /**
     * Converts a duration to nanoseconds, saturating instead of overflowing: users write
     * {@code Duration.ofSeconds(Long.MAX_VALUE)} for "for ever", which {@link Duration#toNanos()}
     * refuses.
     *
     * @param duration the duration
     * @return nanoseconds, {@link Long#MAX_VALUE} (or {@link Long#MIN_VALUE}) past the range
     */
    public static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** A century in nanoseconds: a timeout at least this long is "for ever". */
    private static final long CENTURY_NANOS = java.time.Duration.ofDays(36_525).toNanos();

    /**
     * {@return the deadline {@code timeout} after {@code now} on a nanosecond clock, a century
     * ahead at most, so that "for ever" ({@code ChronoUnit.FOREVER}, {@code Duration.ofSeconds(Long.MAX_VALUE)})
     * neither overflows nor wraps into the past, and {@code deadline - now} stays exact}
     *
     * @param now the clock's reading ({@link System#nanoTime()})
     * @param timeout the timeout, not negative
     */
    public static long deadline(long now, Duration timeout) {
        return now + Math.min(nanos(timeout), CENTURY_NANOS);
    }

    /**
     * {@return the exception for a connect that ran past its timeout}, worded the same wherever
     * the deadline is kept: {@code Connection to tcp://host:port timed out after 3.0 seconds}
     *
     * @param endpoint where the connection was going
     * @param timeout the timeout it had
     */
    public static SocketTimeoutException connectTimedOut(Endpoint endpoint, Duration timeout) {
        return new SocketTimeoutException("Connection to " + endpoint + " timed out after " + seconds(timeout));
    }

    /**
     * Formats a duration as seconds for messages: one decimal ({@code 3.0 seconds},
     * {@code 0.5 seconds}), more below a tenth of a second ({@code 0.05 seconds}).
     *
     * @param duration the duration
     * @return the text
     */
    public static String seconds(Duration duration) {
        double seconds = duration.getSeconds() + duration.getNano() / 1e9; // no overflow for "for ever"
        if (seconds >= 0.1 || seconds == 0) {
            return String.format(Locale.ROOT, "%.1f seconds", seconds);
        }
        String precise = String.format(Locale.ROOT, "%.3f", seconds).replaceAll("0+$", "");
        return (precise.endsWith(".") ? precise + "0" : precise) + " seconds";
    }
}
