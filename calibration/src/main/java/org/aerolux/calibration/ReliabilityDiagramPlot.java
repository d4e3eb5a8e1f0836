package org.aerolux.calibration;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws a reliability diagram as an image a person can read, with Java2D only (works headless): accuracy per
 * confidence bin as bars, the gap to the bin's mean confidence shaded, the diagonal of perfect calibration, ECE
 * in the legend, and below it the share of pixels per bin. Style after Guo et al. (ICML 2017), Fig. 1.
 */
public final class ReliabilityDiagramPlot {
    private static final Color ACCURACY = new Color(0x3B6FB6);
    private static final Color GAP = new Color(0xD9, 0x48, 0x3B, 110);
    private static final Color GAP_EDGE = new Color(0xB0, 0x2A, 0x20);
    private static final Color HISTOGRAM = new Color(0x7F8C8D);
    private static final Color GRID = new Color(0xE3E3E3);
    private static final Color INK = new Color(0x222222);

    private ReliabilityDiagramPlot() {}

    /** Renders at 900 x 960 pixels. */
    public static BufferedImage render(ReliabilityDiagram d, String title) {
        return render(d, title, 900, 960);
    }

    /** Renders the diagram into a new RGB image of the given size (at least 400 x 400). */
    public static BufferedImage render(ReliabilityDiagram d, String title, int width, int height) {
        if (width < 400 || height < 400) throw new IllegalArgumentException("plot too small: " + width + " x " + height);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            double scale = Math.min(width, height) / 900.0;
            Font base = new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(17 * scale));
            g.setFont(base.deriveFont(Font.BOLD, (float) (22 * scale)));
            g.setColor(INK);
            centred(g, title == null ? "Reliability diagram" : title, width / 2.0, 38 * scale);
            g.setFont(base);

            double left = 105 * scale, right = width - 40 * scale;
            double top = 70 * scale, bottom = height - 95 * scale;
            double gapBetween = 80 * scale;
            double histHeight = (bottom - top - gapBetween) * 0.24;
            Rectangle2D main = new Rectangle2D.Double(left, top, right - left, bottom - top - gapBetween - histHeight);
            Rectangle2D hist = new Rectangle2D.Double(left, bottom - histHeight, right - left, histHeight);

            drawMain(g, d, main, scale);
            drawHistogram(g, d, hist, scale);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Renders and writes a PNG, through a temporary file renamed on success. */
    public static void writePng(ReliabilityDiagram d, String title, Path file) {
        BufferedImage img = render(d, title);
        org.aerolux.core.io.AtomicOutput.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer available");
        });
    }

    private static void drawMain(Graphics2D g, ReliabilityDiagram d, Rectangle2D r, double s) {
        grid(g, r, 1.0);
        for (ReliabilityBin b : d.bins()) {
            if (b.count() == 0) continue;
            double x0 = x(r, b.lower()), x1 = x(r, b.upper());
            double acc = b.accuracy(), conf = b.meanConfidence();
            Rectangle2D bar = new Rectangle2D.Double(x0, y(r, acc), x1 - x0, y(r, 0) - y(r, acc));
            g.setColor(ACCURACY);
            g.fill(bar);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke((float) (1.2 * s)));
            g.draw(bar);
            double lo = Math.min(acc, conf), hi = Math.max(acc, conf);
            Rectangle2D gap = new Rectangle2D.Double(x0, y(r, hi), x1 - x0, y(r, lo) - y(r, hi));
            g.setColor(GAP);
            g.fill(gap);
            g.setColor(GAP_EDGE);
            g.setStroke(new BasicStroke((float) (1.2 * s)));
            g.draw(gap);
        }
        Stroke dashed = new BasicStroke((float) (2 * s), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[]{(float) (8 * s), (float) (6 * s)}, 0);
        g.setStroke(dashed);
        g.setColor(INK);
        g.draw(new Line2D.Double(x(r, 0), y(r, 0), x(r, 1), y(r, 1)));
        frame(g, r, s);
        ticks(g, r, s, true);
        g.setColor(INK);
        centred(g, "Confidence (max probability)", r.getCenterX(), r.getMaxY() + 52 * s);
        rotated(g, "Accuracy", r.getX() - 70 * s, r.getCenterY());
        legend(g, d, r, s, dashed);
    }

    private static void legend(Graphics2D g, ReliabilityDiagram d, Rectangle2D r, double s, Stroke dashed) {
        FontMetrics fm = g.getFontMetrics();
        String[] lines = {"Accuracy", "Gap (confidence - accuracy)", "Perfect calibration",
                String.format(Locale.ROOT, "ECE = %.4f  (%d bins)", d.ece(), d.bins().size()),
                String.format(Locale.ROOT, "n = %,d pixels", d.total())};
        double line = fm.getHeight() + 6 * s, sw = 30 * s, pad = 12 * s;
        double w = 0;
        for (String l : lines) w = Math.max(w, fm.stringWidth(l));
        w += sw + 3 * pad;
        double h = line * lines.length + pad;
        double x = r.getX() + 16 * s, y = r.getY() + 16 * s;
        g.setColor(new Color(255, 255, 255, 235));
        g.fill(new Rectangle2D.Double(x, y, w, h));
        g.setColor(new Color(0xAAAAAA));
        g.setStroke(new BasicStroke((float) s));
        g.draw(new Rectangle2D.Double(x, y, w, h));
        for (int i = 0; i < lines.length; i++) {
            double cy = y + pad / 2 + line * (i + 0.5);
            double sx = x + pad;
            if (i == 0) { g.setColor(ACCURACY); g.fill(new Rectangle2D.Double(sx, cy - 8 * s, sw, 16 * s)); }
            if (i == 1) {
                g.setColor(GAP); g.fill(new Rectangle2D.Double(sx, cy - 8 * s, sw, 16 * s));
                g.setColor(GAP_EDGE); g.draw(new Rectangle2D.Double(sx, cy - 8 * s, sw, 16 * s));
            }
            if (i == 2) { g.setColor(INK); g.setStroke(dashed); g.draw(new Line2D.Double(sx, cy, sx + sw, cy)); }
            g.setColor(INK);
            g.setFont(i == 3 ? g.getFont().deriveFont(Font.BOLD) : g.getFont().deriveFont(Font.PLAIN));
            double tx = i >= 3 ? sx : sx + sw + pad;
            g.drawString(lines[i], (float) tx, (float) (cy + fm.getAscent() / 2.0 - 2 * s));
        }
        g.setFont(g.getFont().deriveFont(Font.PLAIN));
    }

    private static void drawHistogram(Graphics2D g, ReliabilityDiagram d, Rectangle2D r, double s) {
        double maxShare = 0;
        for (ReliabilityBin b : d.bins()) maxShare = Math.max(maxShare, d.total() == 0 ? 0 : b.count() / (double) d.total());
        double top = niceCeiling(maxShare);
        grid(g, r, top);
        for (ReliabilityBin b : d.bins()) {
            if (b.count() == 0) continue;
            double share = b.count() / (double) d.total();
            double x0 = x(r, b.lower()), x1 = x(r, b.upper());
            double yy = r.getMaxY() - share / top * r.getHeight();
            Rectangle2D bar = new Rectangle2D.Double(x0, yy, x1 - x0, r.getMaxY() - yy);
            g.setColor(HISTOGRAM);
            g.fill(bar);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke((float) (1.2 * s)));
            g.draw(bar);
        }
        frame(g, r, s);
        FontMetrics fm = g.getFontMetrics();
        g.setColor(INK);
        for (int i = 0; i <= 2; i++) {
            double v = top * i / 2;
            double yy = r.getMaxY() - v / top * r.getHeight();
            g.draw(new Line2D.Double(r.getX() - 6 * s, yy, r.getX(), yy));
            String t = String.format(Locale.ROOT, "%.0f%%", v * 100);
            if (top < 0.05) t = String.format(Locale.ROOT, "%.1f%%", v * 100);
            g.drawString(t, (float) (r.getX() - 10 * s - fm.stringWidth(t)), (float) (yy + fm.getAscent() / 2.0 - 2 * s));
        }
        ticks(g, r, s, false);
        g.setColor(INK);
        centred(g, "Confidence (max probability)", r.getCenterX(), r.getMaxY() + 52 * s);
        rotated(g, "Share of pixels", r.getX() - 70 * s, r.getCenterY());
    }

    private static double niceCeiling(double v) {
        if (v <= 0) return 1;
        double[] steps = {0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.4, 0.5, 0.6, 0.8, 1.0};
        for (double st : steps) if (v <= st) return st;
        return 1;
    }

    private static void grid(Graphics2D g, Rectangle2D r, double yTop) {
        g.setColor(GRID);
        g.setStroke(new BasicStroke(1f));
        for (int i = 1; i < 5; i++) {
            double gx = x(r, i / 5.0);
            g.draw(new Line2D.Double(gx, r.getY(), gx, r.getMaxY()));
        }
        int rows = yTop == 1.0 ? 5 : 2;
        for (int i = 1; i < rows; i++) {
            double gy = r.getMaxY() - r.getHeight() * i / rows;
            g.draw(new Line2D.Double(r.getX(), gy, r.getMaxX(), gy));
        }
    }

    private static void frame(Graphics2D g, Rectangle2D r, double s) {
        g.setColor(INK);
        g.setStroke(new BasicStroke((float) (1.5 * s)));
        g.draw(r);
    }

    private static void ticks(Graphics2D g, Rectangle2D r, double s, boolean yTicks) {
        FontMetrics fm = g.getFontMetrics();
        g.setColor(INK);
        g.setStroke(new BasicStroke((float) (1.5 * s)));
        for (int i = 0; i <= 5; i++) {
            double v = i / 5.0;
            String t = String.format(Locale.ROOT, "%.1f", v);
            double gx = x(r, v);
            g.draw(new Line2D.Double(gx, r.getMaxY(), gx, r.getMaxY() + 6 * s));
            g.drawString(t, (float) (gx - fm.stringWidth(t) / 2.0), (float) (r.getMaxY() + 10 * s + fm.getAscent()));
            if (yTicks) {
                double gy = y(r, v);
                g.draw(new Line2D.Double(r.getX() - 6 * s, gy, r.getX(), gy));
                g.drawString(t, (float) (r.getX() - 10 * s - fm.stringWidth(t)), (float) (gy + fm.getAscent() / 2.0 - 2 * s));
            }
        }
    }

    private static double x(Rectangle2D r, double v) { return r.getX() + v * r.getWidth(); }

    private static double y(Rectangle2D r, double v) { return r.getMaxY() - v * r.getHeight(); }

    private static void centred(Graphics2D g, String text, double cx, double baseline) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (cx - fm.stringWidth(text) / 2.0), (float) baseline);
    }

    private static void rotated(Graphics2D g, String text, double cx, double cy) {
        AffineTransform saved = g.getTransform();
        g.translate(cx, cy);
        g.rotate(-Math.PI / 2);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (-fm.stringWidth(text) / 2.0), (float) (fm.getAscent() / 2.0));
        g.setTransform(saved);
    }
}
