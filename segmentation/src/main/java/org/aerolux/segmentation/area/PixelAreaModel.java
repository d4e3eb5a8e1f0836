package org.aerolux.segmentation.area;

import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.CrsInfo;
import org.aerolux.core.raster.CrsMeasures;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;

/**
 * Ground area of pixels in square metres for a {@link Georeference}.
 * <ul>
 *   <li>Projected (or other planar) CRS: {@code |det(affine)| x (metres per CRS unit)^2}, the same for every
 *       pixel. This is the map-plane area in the CRS's own units (feet become metres), as the CRS defines it;
 *       it is not corrected for the projection's scale (negligible for UTM, large for Web Mercator).</li>
 *   <li>Geographic CRS: the geodesic area of the pixel's four corners on the CRS's ellipsoid (GeographicLib),
 *       which varies with latitude: per row for north-up grids, per pixel for rotated ones.</li>
 *   <li>No CRS, no transform, or a unit that is neither a length nor an angle: unknown, {@code NaN};
 *       {@link #description()} says why.</li>
 * </ul>
 * Implementations are safe to share between threads.
 */
public interface PixelAreaModel {

    /** The model for a georeference; never throws: what cannot be measured is NaN, with the reason. */
    static PixelAreaModel of(Georeference georef) {
        if (georef.crs().isEmpty()) return ConstantPixelArea.unknown("the raster has no CRS");
        if (georef.transform().isEmpty()) return ConstantPixelArea.unknown("the raster has no grid-to-CRS transform");
        CrsInfo crs = georef.crs().get();
        Affine grid = georef.transform().get();
        CrsMeasures m;
        try {
            m = Rasters.measures(crs);
        } catch (IllegalArgumentException e) {
            return ConstantPixelArea.unknown("the CRS " + crs.label() + " cannot be measured: " + e.getMessage());
        }
        if (m.geographic()) {
            if (!Double.isFinite(m.degreesPerUnit()))
                return ConstantPixelArea.unknown("the geographic CRS " + crs.label() + " has axes in " + m.unitName()
                        + ", not an angle");
            return new GeodesicPixelArea(crs.label(), grid, m);
        }
        if (!Double.isFinite(m.metresPerUnit()))
            return ConstantPixelArea.unknown("the CRS " + crs.label() + " has axes in " + m.unitName() + ", not a length");
        double a = grid.pixelArea() * m.metresPerUnit() * m.metresPerUnit();
        return new ConstantPixelArea(a, "planar area in " + crs.label() + " (unit " + m.unitName() + " = "
                + m.metresPerUnit() + " m): " + a + " m² per pixel");
    }

    /** Area in m² of the pixel at (col, row); NaN when unknown. */
    double pixelAreaM2(int col, int row);

    /** True when every pixel has the same area (projected CRSs, and the unknown model). */
    boolean isUniform();

    /** True when all pixels of a row have the same area (uniform models, and north-up geographic grids). */
    default boolean isUniformAlongRows() { return isUniform(); }

    /** One line saying how areas are computed (for provenance and messages). */
    String description();

    /** True when areas are known (not NaN). */
    default boolean isKnown() { return !Double.isNaN(pixelAreaM2(0, 0)); }

    /** Sum of the areas of pixels {@code col0 .. col1-1} of one row. */
    default double runAreaM2(int col0, int col1, int row) {
        double sum = 0;
        for (int c = col0; c < col1; c++) sum += pixelAreaM2(c, row);
        return sum;
    }
}
