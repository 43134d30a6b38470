package dev.shuttle.internal.dns;

/** Monotonic time in nanoseconds; tests replace it so that expiry needs no sleeping. */
@FunctionalInterface
interface Ticker {
    /** The system's monotonic clock, {@link System#nanoTime()}. */
    Ticker SYSTEM = System::nanoTime;

    /** {@return the current time in nanoseconds, meaningful only as a difference} */
    long nanos();
}
