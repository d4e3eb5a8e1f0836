package org.aerolux.segmentation;

import java.util.ArrayList;
import java.util.List;
import org.aerolux.core.model.ClassInfo;
import org.aerolux.segmentation.area.ClassAreaTally;
import org.aerolux.segmentation.area.PixelAreaModel;

/**
 * Pixel count and ground area per class of a label image, accumulated over bands of rows by a
 * {@link ClassAreaTally}: areas in m² from the grid's {@link PixelAreaModel} (the CRS's units for projected grids,
 * geodesic areas for geographic ones), the same areas the vector output gives its objects.
 */
public final class ClassStatistics {
    /** The statistics of one class. */
    public record ClassCount(int index, String name, String color, long pixels, double areaM2, double fraction) {}

    /**
     * All classes, plus the nodata pixels and the total.
     *
     * @param areaMethod how areas were computed (or why they are unknown)
     */
    public record Summary(List<ClassCount> classes, long nodataPixels, long dataPixels, double dataAreaM2, boolean areasKnown,
                          String areaMethod) {
        public Summary {
            classes = List.copyOf(classes);
        }
    }

    private final List<ClassInfo> classes;
    private final ClassAreaTally tally;

    public ClassStatistics(List<ClassInfo> classes, int width, PixelAreaModel areas) {
        this.classes = List.copyOf(classes);
        this.tally = new ClassAreaTally(classes.size(), width, areas);
    }

    /**
     * Adds rows {@code [y0, y0 + rows)}: {@code labels[r * width + x]} is the class index, or
     * {@link SegmentationConsumer#NODATA_LABEL} (255) for nodata.
     */
    public void accept(long y0, byte[] labels, int rows) {
        tally.acceptRows(Math.toIntExact(y0), labels, rows);
    }

    /** The totals so far. */
    public Summary summary() {
        long data = 0;
        for (int k = 0; k < classes.size(); k++) data += tally.pixels(k);
        boolean known = tally.areaModel().isKnown();
        List<ClassCount> out = new ArrayList<>();
        double total = 0;
        for (int k = 0; k < classes.size(); k++) {
            ClassInfo ci = classes.get(k);
            double a = known ? tally.areaM2(k) : Double.NaN;
            if (known) total += a;
            out.add(new ClassCount(k, ci.name(), ci.color(), tally.pixels(k), a, data == 0 ? 0 : (double) tally.pixels(k) / data));
        }
        return new Summary(out, tally.nodataPixels(), data, known ? total : Double.NaN, known, tally.areaModel().description());
    }
}
