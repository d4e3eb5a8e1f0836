package org.aerolux.enhancement;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.aerolux.core.io.AtomicOutput;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.raster.Rasters;

/**
 * A before/after PNG: the input on the left, the enhanced image on the right, 8-bit, labelled. Both halves are
 * the enhanced bands (grey or RGB) mapped to 0..255 through the same value range, so brightness compares
 * fairly; nodata shows black. Images wider than {@value #MAX_HALF_WIDTH} pixels are reduced by an integer
 * factor (box average) to keep the file small.
 */
public final class SideBySide {
    /** Widest half in pixels before reduction. */
    public static final int MAX_HALF_WIDTH = 1024;
    private static final int GAP = 8, LABEL = 22;

    private SideBySide() {}

    /** Writes {@code target} (atomically) from the input and its enhanced image. */
    public static void write(Path input, Path enhanced, BandSelection bands, ValueRange range, Path target) {
        int[] channels = bands.zeroBased(); // red, green, blue (a grey band three times)
        float[][] before, after;
        int w, h;
        try (RasterSource in = Rasters.open(input); RasterSource out = Rasters.open(enhanced)) {
            w = in.info().width();
            h = in.info().height();
            before = ReferenceComparison.unit(in, channels, range);
            after = ReferenceComparison.unit(out, channels, range);
        }
        int f = Math.max(1, (w + MAX_HALF_WIDTH - 1) / MAX_HALF_WIDTH);
        int sw = Math.max(1, w / f), sh = Math.max(1, h / f);
        BufferedImage img = new BufferedImage(2 * sw + GAP, sh + LABEL, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            paint(img, before, w, sw, sh, f, 0);
            paint(img, after, w, sw, sh, f, sw + GAP);
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString("before", 4, sh + LABEL - 6);
            g.drawString("after (enhanced)", sw + GAP + 4, sh + LABEL - 6);
        } finally {
            g.dispose();
        }
        AtomicOutput.write(target, os -> {
            if (!javax.imageio.ImageIO.write(img, "png", os)) throw new IOException("no PNG writer");
        });
    }

    private static void paint(BufferedImage img, float[][] planes, int w, int sw, int sh, int f, int x0) {
        int n = planes.length;
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                int[] rgb = new int[3];
                for (int c = 0; c < 3; c++) {
                    float[] p = planes[Math.min(c, n - 1)];
                    double s = 0;
                    int k = 0;
                    for (int dy = 0; dy < f; dy++)
                        for (int dx = 0; dx < f; dx++) {
                            float v = p[(y * f + dy) * w + x * f + dx];
                            s += Float.isNaN(v) ? 0 : v;
                            k++;
                        }
                    rgb[c] = (int) Math.round(Math.max(0, Math.min(1, s / k)) * 255);
                }
                img.setRGB(x0 + x, y, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
            }
        }
    }
}
