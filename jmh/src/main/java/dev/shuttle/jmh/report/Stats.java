package dev.shuttle.jmh.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and spread of a few repeated measurements. */
public record Stats(double median, double min, double max, int count) {

    /** {@return the statistics of the values, which must not be empty} */
    public static Stats of(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Stats(median, sorted.get(0), sorted.get(n - 1), n);
    }

    /** {@return the spread as a fraction of the median: (max - min) / median} */
    public double relativeSpread() {
        return median == 0 ? 0 : (max - min) / median;
    }
}
