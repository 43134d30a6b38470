package dev.shuttle.jmh.report;

/**
 * What a figure should reach: a bound on the ratio to its peer, or on the contender's own value.
 *
 * @param kind which bound
 * @param bound the bound
 * @param text how the issue states it
 */
public record Target(Kind kind, double bound, String text) {

    /** The kinds of bound. */
    public enum Kind { RATIO_AT_MOST, RATIO_AT_LEAST, VALUE_AT_MOST }

    public static Target ratioAtMost(double bound, String text) {
        return new Target(Kind.RATIO_AT_MOST, bound, text);
    }

    public static Target ratioAtLeast(double bound, String text) {
        return new Target(Kind.RATIO_AT_LEAST, bound, text);
    }

    public static Target valueAtMost(double bound, String text) {
        return new Target(Kind.VALUE_AT_MOST, bound, text);
    }

    /** {@return whether the median ratio, or the median value, meets the bound} */
    public boolean met(double medianRatio, double medianValue) {
        return switch (kind) {
            case RATIO_AT_MOST -> medianRatio <= bound;
            case RATIO_AT_LEAST -> medianRatio >= bound;
            case VALUE_AT_MOST -> medianValue <= bound;
        };
    }

    /** {@return whether the bound is on the ratio (drawn on the chart) rather than on the value} */
    public boolean onRatio() {
        return kind != Kind.VALUE_AT_MOST;
    }
}
