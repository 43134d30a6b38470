package dev.shuttle.jmh.report;

import java.util.List;

/**
 * One figure of the report: a contender's value in each round next to its peer's value measured
 * in the same round, so that each round gives one ratio. A contender that could not run keeps its
 * place with the reason ({@code failure}): nothing is dropped silently.
 *
 * @param item the item, such as {@code "3. Echo"}
 * @param metric what is measured, such as {@code "round trips/s"} or {@code "p50"}
 * @param unit the unit of the values
 * @param contender who is measured
 * @param values the contender's value per round
 * @param peer who it is compared with
 * @param peerValues the peer's value per round, same rounds
 * @param target the target, or null for a figure given for calibration only
 * @param failure why the figure is missing, or null
 */
public record Figure(String item, String metric, String unit, String contender, List<Double> values, String peer,
        List<Double> peerValues, Target target, String failure) {

    public static Figure of(String item, String metric, String unit, String contender, List<Double> values, String peer,
            List<Double> peerValues, Target target) {
        return new Figure(item, metric, unit, contender, List.copyOf(values), peer, List.copyOf(peerValues), target, null);
    }

    public static Figure failed(String item, String metric, String contender, String peer, Target target, String why) {
        return new Figure(item, metric, "", contender, List.of(), peer, List.of(), target, why);
    }

    public boolean measured() {
        return failure == null && !values.isEmpty() && values.size() == peerValues.size();
    }

    /** {@return the ratio contender / peer of each round} */
    public List<Double> ratios() {
        return java.util.stream.IntStream.range(0, values.size()).mapToObj(i -> values.get(i) / peerValues.get(i)).toList();
    }

    public Stats ratio() {
        return Stats.of(ratios());
    }

    public Stats value() {
        return Stats.of(values);
    }

    public Stats peerValue() {
        return Stats.of(peerValues);
    }

    /** {@return "met", "not met", or "" when there is no target} */
    public String verdict() {
        if (target == null || !measured()) {
            return "";
        }
        return target.met(ratio().median(), value().median()) ? "met" : "not met";
    }
}
