package org.aerolux.segmentation;

import java.util.ArrayList;
import java.util.List;
import org.aerolux.core.model.ClassInfo;

/**
 * Pixel count and ground area per class of a label image, accumulated over bands of rows. Areas come from
 * {@link PixelAreas}: one multiplication per class for uniform grids, otherwise a sum over the pixels, row by row.
 */
public final class ClassStatistics {
    /** The statistics of one class. */
    public record ClassCount(int index, String name, String color, long pixels, double areaM2, double fraction) {}

    /** All classes, plus the nodata pixels and the total. */
    public record Summary(List<ClassCount> classes, long nodataPixels, long dataPixels, double dataAreaM2, boolean areasKnown) {
        public Summary {
            classes = List.copyOf(classes);
        }
    }

    private final List<ClassInfo> classes;
    private final PixelAreas areas;
    private final long[] pixels;
    private final double[] area;
    private final long[] rowCounts;
    private long nodata;

    public ClassStatistics(List<ClassInfo> classes, PixelAreas areas) {
        this.classes = List.copyOf(classes);
        this.areas = areas;
        this.pixels = new long[classes.size()];
        this.area = new double[classes.size()];
        this.rowCounts = new long[classes.size()];
    }

    /**
     * Adds rows {@code [y0, y0 + rows)} of a label image {@code width} wide: {@code labels[r * width + x]} is the
     * class index, or {@link SegmentationConsumer#NODATA_LABEL} (255) for nodata.
     */
    public void accept(long y0, byte[] labels, int width, int rows) {
        int c = pixels.length;
        boolean perPixel = areas.isKnown() && !areas.isUniform();
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(rowCounts, 0);
            int off = r * width;
            for (int x = 0; x < width; x++) {
                int v = labels[off + x] & 0xFF;
                if (v >= c) {
                    nodata++;
                    continue;
                }
                rowCounts[v]++;
                if (perPixel) area[v] += areas.pixelAreaM2(x, y0 + r);
            }
            for (int k = 0; k < c; k++) pixels[k] += rowCounts[k];
        }
    }

    /** The totals so far. */
    public Summary summary() {
        long data = 0;
        for (long p : pixels) data += p;
        boolean known = areas.isKnown();
        double uniform = known && areas.isUniform() ? areas.pixelAreaM2(0, 0) : Double.NaN;
        List<ClassCount> out = new ArrayList<>();
        double total = 0;
        for (int k = 0; k < pixels.length; k++) {
            double a = !known ? Double.NaN : areas.isUniform() ? pixels[k] * uniform : area[k];
            if (known) total += a;
            ClassInfo ci = classes.get(k);
            out.add(new ClassCount(k, ci.name(), ci.color(), pixels[k], a, data == 0 ? 0 : (double) pixels[k] / data));
        }
        return new Summary(out, nodata, data, known ? total : Double.NaN, known);
    }
}
