package org.aerolux.plugins;

import ij.IJ;
import ij.measure.ResultsTable;
import org.aerolux.segmentation.ClassStatistics;

/**
 * The {@code areas} table of a segmentation, titled {@value #TITLE}: one row per class with its {@code class}
 * name, {@code pixels}, {@code area m²} (from the grid: planar for projected CRSs, geodesic for geographic ones;
 * NaN when the image is not georeferenced) and {@code fraction} of the data pixels (nodata left out).
 */
final class AreasTable {
    static final String TITLE = "AeroLux Areas";
    static final String AREA = "area m²";

    private AreasTable() {}

    static ResultsTable of(ClassStatistics.Summary s) {
        ResultsTable t = new ResultsTable();
        t.setPrecision(6);
        for (ClassStatistics.ClassCount c : s.classes()) {
            t.addRow();
            t.addValue("class", c.name());
            t.addValue("pixels", c.pixels());
            t.addValue(AREA, c.areaM2());
            t.addValue("fraction", c.fraction());
        }
        return t;
    }

    /** Shows the table; says in the Log when areas are unknown, and why. */
    static void show(ClassStatistics.Summary s, String title) {
        Tables.show(of(s), TITLE);
        if (!s.areasKnown())
            IJ.log(title + ": " + TITLE + " has pixels only (area m² is NaN): " + s.areaMethod()
                    + "; import a georeferenced GeoTIFF with AeroLux Import GeoTIFF for areas");
    }
}
