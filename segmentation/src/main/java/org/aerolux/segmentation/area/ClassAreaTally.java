package org.aerolux.segmentation.area;

import java.util.Arrays;

/**
 * Streams a uint8 label image (row bands, any order) into pixel counts and areas per class. Label 255 is nodata
 * and counted apart; other values are class indices. Areas come from a {@link PixelAreaModel}, so they agree with
 * the object areas of the vectorizer: with a uniform model the area of a class is exactly its pixel count times
 * the pixel area. Not thread-safe; merge tallies of separate threads with {@link #add(ClassAreaTally)}.
 */
public final class ClassAreaTally {
    /** The nodata label. */
    public static final int NODATA = 255;

    private final int width;
    private final PixelAreaModel area;
    private final long[] pixels;
    private final double[] areaM2;
    private final int[] rowCounts;
    private long nodataPixels;

    /** A tally for {@code classCount} classes (at most 255) of rows {@code width} pixels wide. */
    public ClassAreaTally(int classCount, int width, PixelAreaModel area) {
        if (classCount < 1 || classCount > NODATA) throw new IllegalArgumentException("class count must be 1..255, got " + classCount);
        if (width < 1) throw new IllegalArgumentException("width must be positive, got " + width);
        this.width = width;
        this.area = area;
        this.pixels = new long[classCount];
        this.areaM2 = new double[classCount];
        this.rowCounts = new int[classCount];
    }

    /**
     * Adds {@code rows} rows starting at row {@code y0}; {@code labels} holds {@code width * rows} bytes, row-major.
     *
     * @throws IllegalArgumentException for a label that is neither a class index nor 255
     */
    public void acceptRows(int y0, byte[] labels, int rows) {
        if (labels.length < (long) width * rows)
            throw new IllegalArgumentException("need " + (long) width * rows + " labels, got " + labels.length);
        boolean perPixel = !area.isUniformAlongRows();
        for (int r = 0; r < rows; r++) {
            int row = y0 + r;
            int off = r * width;
            Arrays.fill(rowCounts, 0);
            for (int x = 0; x < width; x++) {
                int v = labels[off + x] & 0xff;
                if (v == NODATA) {
                    nodataPixels++;
                    continue;
                }
                if (v >= pixels.length)
                    throw new IllegalArgumentException("label " + v + " at (" + x + ", " + row + ") is not one of the "
                            + pixels.length + " classes");
                rowCounts[v]++;
                if (perPixel) areaM2[v] += area.pixelAreaM2(x, row);
            }
            for (int c = 0; c < pixels.length; c++) {
                if (rowCounts[c] == 0) continue;
                pixels[c] += rowCounts[c];
                if (!perPixel && !area.isUniform()) areaM2[c] += rowCounts[c] * area.pixelAreaM2(0, row);
            }
        }
    }

    /** Adds the counts of another tally of the same classes (e.g. from another thread). */
    public void add(ClassAreaTally other) {
        if (other.pixels.length != pixels.length) throw new IllegalArgumentException("different class counts");
        for (int c = 0; c < pixels.length; c++) {
            pixels[c] += other.pixels[c];
            areaM2[c] += other.areaM2[c];
        }
        nodataPixels += other.nodataPixels;
    }

    /** Number of classes. */
    public int classCount() { return pixels.length; }

    /** Pixels of class {@code c}. */
    public long pixels(int c) { return pixels[c]; }

    /** Area of class {@code c} in m² (NaN when the area model does not know areas). */
    public double areaM2(int c) {
        return area.isUniform() ? pixels[c] * area.pixelAreaM2(0, 0) : areaM2[c];
    }

    /** Nodata pixels (label 255). */
    public long nodataPixels() { return nodataPixels; }

    /** The area model used. */
    public PixelAreaModel areaModel() { return area; }
}
