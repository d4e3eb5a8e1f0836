package org.aerolux.segmentation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import net.imglib2.Cursor;
import net.imglib2.FinalInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.io.AtomicOutput;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;

/**
 * A picture for people: the image with its class labels painted over it half-transparently, plus a legend.
 * Images larger than {@code maxSize} pixels on a side are sampled down (nearest pixel); 8-bit images are shown
 * as they are, others stretched per band between their 2nd and 98th percentiles. Label 255 (nodata) and, by
 * default, the background class 0 are left unpainted.
 */
public final class OverlayPng {
    /** How to draw. */
    public record Style(double alpha, boolean paintBackground, int maxSize) {
        public static final Style DEFAULT = new Style(0.5, false, 2048);
    }

    private OverlayPng() {}

    /**
     * Renders the overlay.
     *
     * @param bands   three 0-based image bands shown as red, green, blue (one band repeated for grey)
     * @param palette 0xRRGGBB per label value
     * @param names   class names for the legend (may be empty)
     */
    public static BufferedImage render(RasterSource image, int[] bands, RasterSource labels, int[] palette, List<String> names, Style style) {
        RasterInfo info = image.info();
        int w = info.width(), h = info.height();
        int step = Math.max(1, (int) Math.ceil(Math.max(w, h) / (double) style.maxSize()));
        int ow = (w + step - 1) / step, oh = (h + step - 1) / step;
        float[][] rgb = new float[3][ow * oh];
        int[] lab = new int[ow * oh];
        int rowsPerRead = Math.max(step, 256 / step * step);
        for (int y0 = 0; y0 < h; y0 += rowsPerRead) {
            int y1 = Math.min(h, y0 + rowsPerRead);
            FinalInterval window = new FinalInterval(new long[] {0, y0}, new long[] {w - 1, y1 - 1});
            for (int c = 0; c < 3; c++) sample(image.read(window, bands[c]), rgb[c], lab, false, w, y0, y1, step, ow);
            sample(labels.read(window, 0), null, lab, true, w, y0, y1, step, ow);
        }
        BufferedImage out = new BufferedImage(ow, oh + legendHeight(names), BufferedImage.TYPE_INT_RGB);
        float[][] lo = new float[3][], scale = new float[3][];
        for (int c = 0; c < 3; c++) {
            float[] range = info.dataType() == DataType.UINT8 ? new float[] {0, 255} : percentiles(rgb[c]);
            lo[c] = new float[] {range[0]};
            scale[c] = new float[] {range[1] > range[0] ? 255f / (range[1] - range[0]) : 1f};
        }
        double a = Math.max(0, Math.min(1, style.alpha()));
        for (int i = 0; i < ow * oh; i++) {
            int[] px = new int[3];
            for (int c = 0; c < 3; c++) {
                float v = rgb[c][i];
                px[c] = Float.isNaN(v) ? 0 : Math.max(0, Math.min(255, Math.round((v - lo[c][0]) * scale[c][0])));
            }
            int l = lab[i];
            if (l >= 0 && l < 255 && (l != 0 || style.paintBackground())) {
                int col = palette[l];
                int[] lc = {(col >> 16) & 255, (col >> 8) & 255, col & 255};
                for (int c = 0; c < 3; c++) px[c] = (int) Math.round(px[c] * (1 - a) + lc[c] * a);
            }
            out.setRGB(i % ow, i / ow, (px[0] << 16) | (px[1] << 8) | px[2]);
        }
        drawLegend(out, oh, palette, names, style);
        return out;
    }

    private static void sample(net.imglib2.RandomAccessibleInterval<FloatType> block, float[] values, int[] labels, boolean isLabel,
                               int w, int y0, int y1, int step, int ow) {
        Cursor<FloatType> c = Views.flatIterable(block).cursor();
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < w; x++) {
                float v = c.next().get();
                if (y % step != 0 || x % step != 0) continue;
                int i = (y / step) * ow + x / step;
                if (isLabel) labels[i] = Float.isNaN(v) ? 255 : (int) v;
                else values[i] = v;
            }
        }
    }

    private static float[] percentiles(float[] v) {
        float[] s = Arrays.copyOf(v, v.length);
        Arrays.sort(s); // NaN sorts last
        int n = 0;
        while (n < s.length && !Float.isNaN(s[n])) n++;
        if (n == 0) return new float[] {0, 1};
        return new float[] {s[(int) (0.02 * (n - 1))], s[(int) (0.98 * (n - 1))]};
    }

    private static int legendHeight(List<String> names) { return names.isEmpty() ? 0 : 34; }

    private static void drawLegend(BufferedImage img, int top, int[] palette, List<String> names, Style style) {
        if (names.isEmpty()) return;
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, top, img.getWidth(), img.getHeight() - top);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        int x = 8;
        for (int k = 0; k < names.size(); k++) {
            if (k == 0 && !style.paintBackground()) continue;
            g.setColor(new Color(palette[k]));
            g.fillRect(x, top + 9, 16, 16);
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1));
            g.drawRect(x, top + 9, 16, 16);
            g.drawString(names.get(k), x + 22, top + 22);
            x += 30 + g.getFontMetrics().stringWidth(names.get(k));
        }
        g.dispose();
    }

    /** Class names from a labels file's GDAL sidecar ({@link LabelsAuxXml}), or empty. */
    public static List<String> classNames(Path labels) {
        Path aux = LabelsAuxXml.of(labels);
        List<String> names = new ArrayList<>();
        if (!Files.isRegularFile(aux)) return names;
        try {
            Matcher m = Pattern.compile("<Category>(.*?)</Category>").matcher(Files.readString(aux, StandardCharsets.UTF_8));
            while (m.find()) names.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&"));
        } catch (IOException e) {
            return List.of();
        }
        return names;
    }

    /** Writes the PNG atomically. */
    public static void write(BufferedImage img, Path target) {
        AtomicOutput.write(target, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer");
        });
    }
}
