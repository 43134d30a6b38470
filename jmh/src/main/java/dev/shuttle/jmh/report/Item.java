package dev.shuttle.jmh.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One item of the issue in the report: what it measures, each contender's values, the ratios
 * against peers, and notes (a contender that could not run, a profile).
 */
public final class Item {
    /** A contender's raw values over the rounds, or why it has none. */
    public record Row(String contender, String metric, String unit, List<Double> values, String failure) {}

    private final String title;
    private final String description;
    private final List<Row> rows = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private java.time.Duration took;

    public Item(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public Item row(String contender, String metric, String unit, List<Double> values, String failure) {
        rows.add(new Row(contender, metric, unit, values, failure));
        return this;
    }

    public Item figure(Figure figure) {
        figures.add(figure);
        return this;
    }

    public Item note(String note) {
        notes.add(note);
        return this;
    }

    /** Records how long the item ran. */
    public Item took(java.time.Duration duration) {
        this.took = duration;
        return this;
    }

    /** {@return how long the item ran, or null if not recorded} */
    public java.time.Duration took() {
        return took;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public List<Row> rows() {
        return rows;
    }

    public List<Figure> figures() {
        return figures;
    }

    public List<String> notes() {
        return notes;
    }
}
