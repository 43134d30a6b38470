package dev.shuttle.internal.jfr;

import java.util.Optional;

/**
 * Whether the JDK Flight Recorder API can be used: the module {@code dev.shuttle} only
 * {@code requires static jdk.jfr}, so an image linked without {@code jdk.jfr}, or a module path
 * that does not resolve it, has no event classes, and Shuttle then writes no events. Checked once;
 * every event class is touched only behind this check.
 */
final class FlightRecorder {
    /** Whether jdk.jfr is present and readable by Shuttle. */
    static final boolean AVAILABLE = available();

    private FlightRecorder() {}

    private static boolean available() {
        Optional<Module> jfr = ModuleLayer.boot().findModule("jdk.jfr");
        Module self = FlightRecorder.class.getModule();
        return jfr.isPresent() && (!self.isNamed() || self.canRead(jfr.get()));
    }
}
