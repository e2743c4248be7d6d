package dev.drift.ops.bench;

import dev.drift.ops.benchkit.BenchException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A PNG bar chart of the Drift / peer ratios, drawn with Java2D (no charting library
 * needed for one chart). The axis is logarithmic around 1.0, so "twice as fast" and "half as fast"
 * are bars of the same length on opposite sides; green bars mean Drift is better, red worse.
 */
public final class RatioChart {

    private static final int WIDTH = 1100;
    private static final int ROW = 24;
    private static final int TOP = 70;
    private static final int BOTTOM = 50;
    private static final int LABEL_WIDTH = 300;
    private static final int RIGHT_MARGIN = 90;
    private static final Color BETTER = new Color(0x2e7d32);
    private static final Color WORSE = new Color(0xc62828);

    private RatioChart() {
    }

    public static void write(BenchResult result, Path file) {
        List<Comparison> rows = result.http().stream().filter(row -> Double.isFinite(row.ratio()) && row.ratio() > 0).toList();
        int height = TOP + Math.max(1, rows.size()) * ROW + BOTTOM;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            draw(g, result, rows, height);
        } finally {
            g.dispose();
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new BenchException("this JDK cannot write PNG files");
            }
        } catch (IOException e) {
            throw new BenchException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void draw(Graphics2D g, BenchResult result, List<Comparison> rows, int height) {
        // The axis spans at least 1/4x to 4x and widens in powers of two to fit every bar.
        double span = 2;
        for (Comparison row : rows) {
            span = Math.max(span, Math.ceil(Math.abs(log2(row.ratio()))));
        }
        int plotLeft = LABEL_WIDTH + 50; // room for the value of a bar reaching the left end
        int plotRight = WIDTH - RIGHT_MARGIN;
        int center = (plotLeft + plotRight) / 2;
        double pixelsPerDoubling = (plotRight - center) / span;

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Drift / " + result.peerVersion() + "  (>1.0x = Drift better; memory inverted)",
                20, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        MachineInfo machine = result.machine();
        g.drawString(machine.date() + ", " + machine.cores() + " cores, " + machine.jdk() + ", load " + machine.loadAverage()
                + ", " + result.settings().durationSeconds() + " s per figure", 20, 48);

        int plotBottom = TOP + rows.size() * ROW;
        for (int doubling = (int) -span; doubling <= span; doubling++) {
            int x = (int) Math.round(center + doubling * pixelsPerDoubling);
            g.setColor(doubling == 0 ? Color.BLACK : new Color(0xdddddd));
            g.setStroke(new BasicStroke(doubling == 0 ? 2f : 1f));
            g.drawLine(x, TOP - 6, x, plotBottom);
            g.setColor(Color.DARK_GRAY);
            String tick = doubling < 0 ? "1/" + (1 << -doubling) : formatRatio(Math.pow(2, doubling));
            g.drawString(tick, x - g.getFontMetrics().stringWidth(tick) / 2, plotBottom + 18);
        }
        g.drawString("ratio (log scale)", center - 45, plotBottom + 36);

        FontMetrics metrics = g.getFontMetrics();
        for (int i = 0; i < rows.size(); i++) {
            Comparison row = rows.get(i);
            int y = TOP + i * ROW;
            String label = row.backend() + "  " + row.name() + (row.higherIsBetter() ? "" : " (inv)");
            g.setColor(Color.BLACK);
            g.drawString(label, plotLeft - 10 - metrics.stringWidth(label), y + ROW / 2 + 4);
            double clamped = Math.max(-span, Math.min(span, log2(row.ratio())));
            int end = (int) Math.round(center + clamped * pixelsPerDoubling);
            g.setColor(row.ratio() >= 1 ? BETTER : WORSE);
            g.fillRect(Math.min(center, end), y + 4, Math.max(2, Math.abs(end - center)), ROW - 8);
            g.setColor(Color.BLACK);
            String value = formatRatio(row.ratio()) + "x";
            int textX = row.ratio() >= 1 ? end + 4 : end - 4 - metrics.stringWidth(value);
            g.drawString(value, textX, y + ROW / 2 + 4);
        }
    }

    private static double log2(double value) {
        return Math.log(value) / Math.log(2);
    }

    private static String formatRatio(double ratio) {
        return ratio >= 10 ? String.format(Locale.ROOT, "%.0f", ratio) : String.format(Locale.ROOT, "%.2f", ratio);
    }
}
