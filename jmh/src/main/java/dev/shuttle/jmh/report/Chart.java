package dev.shuttle.jmh.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The report's chart, a PNG drawn with Java2D from the run's figures: one row per figure, the
 * ratio Shuttle / peer on a log scale, a dot at the median of the rounds with a whisker from the
 * lowest to the highest round, a line at 1, and the target's bound as a black tick. Green: target
 * met; red: not met; grey: no target (shown for calibration). A figure that could not be measured
 * keeps its row, with the reason.
 */
final class Chart {
    private static final double MIN = 0.01, MAX = 20;
    private static final int LABEL = 470, PLOT = 470, ROW = 22, TOP = 62, WIDTH = LABEL + PLOT + 70;
    private static final Color GREEN = new Color(0x1a7f37), RED = new Color(0xcf222e), GREY = new Color(0x888888);

    private Chart() {}

    static void png(List<Figure> figures, String subtitle, Path file) throws IOException {
        int height = TOP + ROW * figures.size() + 48;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("Shuttle / peer, measured in the same run (median and min-max over rounds, log scale)", 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        g.drawString(subtitle, 10, 42);
        int bottom = TOP + ROW * figures.size();
        for (double tick : new double[] {0.01, 0.03, 0.1, 0.3, 0.5, 1, 2, 5, 10, 20}) {
            int x = x(tick);
            g.setColor(tick == 1 ? Color.BLACK : new Color(0xdddddd));
            g.drawLine(x, TOP - 6, x, bottom);
            g.setColor(Color.DARK_GRAY);
            String label = fmt(tick) + "x";
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, bottom + 16);
        }
        g.drawString("Lower is better for latency, time and memory; higher for throughput and handshakes. Black tick: target.",
                10, bottom + 38);
        int y = TOP;
        for (Figure figure : figures) {
            int mid = y + ROW / 2;
            g.setColor(Color.BLACK);
            g.drawString(shorten(label(figure), 70), 10, mid + 4);
            if (!figure.measured()) {
                g.setColor(GREY);
                g.drawString(shorten("not measured: " + figure.failure(), 75), LABEL, mid + 4);
            } else {
                Stats ratio = figure.ratio();
                String verdict = figure.verdict();
                Color color = verdict.equals("met") ? GREEN : verdict.equals("not met") ? RED : GREY;
                g.setColor(color);
                g.setStroke(new BasicStroke(2));
                g.drawLine(x(ratio.min()), mid, x(ratio.max()), mid);
                g.fillOval(x(ratio.median()) - 5, mid - 5, 10, 10);
                if (figure.target() != null && figure.target().onRatio()) {
                    g.setColor(Color.BLACK);
                    int tx = x(figure.target().bound());
                    g.drawLine(tx, y + 3, tx, y + ROW - 3);
                }
                g.setColor(color);
                g.drawString(fmt(ratio.median()) + "x", x(Math.min(MAX, ratio.max())) + 8, mid + 4);
            }
            y += ROW;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static String label(Figure figure) {
        return figure.item() + ", " + figure.metric() + ": " + figure.contender() + " / " + figure.peer();
    }

    private static int x(double ratio) {
        double clamped = Math.max(MIN, Math.min(MAX, ratio));
        return (int) Math.round(LABEL + PLOT * (Math.log(clamped) - Math.log(MIN)) / (Math.log(MAX) - Math.log(MIN)));
    }

    static String fmt(double ratio) {
        return ratio >= 10 ? String.format(Locale.ROOT, "%.0f", ratio)
                : ratio >= 0.095 ? String.format(Locale.ROOT, "%.2f", ratio).replaceAll("0$", "").replaceAll("\\.$", "")
                : String.format(Locale.ROOT, "%.3f", ratio);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
