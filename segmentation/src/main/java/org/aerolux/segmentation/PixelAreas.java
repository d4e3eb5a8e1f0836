package org.aerolux.segmentation;

/**
 * Ground area of the pixels of a grid, in square metres: the seam between class statistics and the area model
 * of the grid's CRS (projected units, or geodesic areas for geographic CRSs).
 */
public interface PixelAreas {
    /** Area in m² of the pixel at (col, row). */
    double pixelAreaM2(long col, long row);

    /** True when every pixel has the same area (then only pixel (0, 0) is asked). */
    boolean isUniform();

    /** True when the area is known in square metres (false for an image without georeferencing). */
    default boolean isKnown() { return true; }

    /** No georeferencing: areas are unknown (NaN). */
    PixelAreas UNKNOWN = new PixelAreas() {
        @Override
        public double pixelAreaM2(long col, long row) { return Double.NaN; }

        @Override
        public boolean isUniform() { return true; }

        @Override
        public boolean isKnown() { return false; }
    };
}
