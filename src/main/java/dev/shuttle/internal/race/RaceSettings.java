package dev.shuttle.internal.race;

import java.time.Duration;

/**
 * The RFC 8305 parameters of a race.
 *
 * @param racing whether attempts overlap; when off, one address at a time in sorted order
 * @param resolutionDelay how long to wait for AAAA after A answered first
 * @param attemptDelay how long an attempt runs alone before the next one starts
 * @param firstAddressFamilyCount how many addresses of the preferred family go first
 */
public record RaceSettings(boolean racing, Duration resolutionDelay, Duration attemptDelay, int firstAddressFamilyCount) {

    /** The longest delay kept: a longer one ("for ever") is a century, so that deadlines do not overflow. */
    private static final Duration CENTURY = Duration.ofDays(36_525);

    /** Saturates the delays at a century: {@code ChronoUnit.FOREVER} would overflow a nanosecond clock. */
    public RaceSettings {
        resolutionDelay = resolutionDelay.compareTo(CENTURY) > 0 ? CENTURY : resolutionDelay;
        attemptDelay = attemptDelay.compareTo(CENTURY) > 0 ? CENTURY : attemptDelay;
    }

    /** RFC 8305's recommended values: 50 ms, 250 ms, 1. */
    public static final RaceSettings DEFAULTS = new RaceSettings(true, Duration.ofMillis(50), Duration.ofMillis(250), 1);

    /** {@return these settings with attempts one at a time, for attempts that cannot overlap} */
    public RaceSettings oneAtATime() {
        return new RaceSettings(false, resolutionDelay, attemptDelay, firstAddressFamilyCount);
    }
}
