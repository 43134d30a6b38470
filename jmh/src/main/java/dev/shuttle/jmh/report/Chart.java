package dev.shuttle.jmh.report;

import java.util.List;
import java.util.Locale;

/**
 * The report's chart, as SVG: one row per figure, the ratio Shuttle / peer on a log scale, a dot
 * at the median of the rounds with a whisker from the lowest to the highest round, a line at 1,
 * and the target's bound as a tick. Green: target met; red: not met; grey: no target (shown for
 * calibration). A figure that could not be measured keeps its row, with the reason.
 */
final class Chart {
    private static final double MIN = 0.01, MAX = 20;
    private static final int LABEL = 430, PLOT = 520, ROW = 22, TOP = 56, WIDTH = LABEL + PLOT + 40;

    private Chart() {}

    static String svg(List<Figure> figures, String subtitle) {
        int height = TOP + ROW * figures.size() + 40;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        svg.append("<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">Shuttle / peer, measured in the same run "
                + "(median and min-max over rounds, log scale)</text>\n");
        svg.append(text(10, 38, escape(subtitle), "#555"));
        for (double tick : new double[] {0.01, 0.03, 0.1, 0.3, 0.5, 1, 2, 5, 10, 20}) {
            double x = x(tick);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n", x, TOP - 6,
                    x, TOP + ROW * figures.size(), tick == 1 ? "#000" : "#ddd"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%sx</text>%n", x,
                    TOP + ROW * figures.size() + 16, fmt(tick)));
        }
        svg.append(text(LABEL, TOP + ROW * figures.size() + 34,
                "Lower is better for latency, time and memory; higher for throughput. Tick: the target's bound.", "#555"));
        int y = TOP;
        for (Figure figure : figures) {
            int mid = y + ROW / 2;
            svg.append(text(10, mid + 4, escape(label(figure)), "#000"));
            if (!figure.measured()) {
                svg.append(text(LABEL, mid + 4, escape(shorten(figure.failure(), 80)), "#999"));
            } else {
                Stats ratio = figure.ratio();
                String verdict = figure.verdict();
                String color = verdict.equals("met") ? "#1a7f37" : verdict.equals("not met") ? "#cf222e" : "#888";
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                        x(ratio.min()), mid, x(ratio.max()), mid, color));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"%s\"/>%n", x(ratio.median()), mid, color));
                if (figure.target() != null && figure.target().onRatio()) {
                    double tx = x(figure.target().bound());
                    svg.append(String.format(Locale.ROOT,
                            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\" stroke-width=\"2\"/>%n",
                            tx, y + 3, tx, y + ROW - 3));
                }
                svg.append(text(x(Math.min(MAX, ratio.max())) + 8, mid + 4, fmt(ratio.median()) + "x", color));
            }
            y += ROW;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String label(Figure figure) {
        return figure.item() + ", " + figure.metric() + ": " + figure.contender() + " / " + figure.peer();
    }

    private static double x(double ratio) {
        double clamped = Math.max(MIN, Math.min(MAX, ratio));
        return LABEL + PLOT * (Math.log(clamped) - Math.log(MIN)) / (Math.log(MAX) - Math.log(MIN));
    }

    private static String text(double x, int y, String text, String color) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"%s\">%s</text>%n", x, y, color, text);
    }

    static String fmt(double ratio) {
        return ratio >= 10 ? String.format(Locale.ROOT, "%.0f", ratio)
                : ratio >= 0.095 ? String.format(Locale.ROOT, "%.2f", ratio).replaceAll("0$", "").replaceAll("\\.$", "")
                : String.format(Locale.ROOT, "%.3f", ratio);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
