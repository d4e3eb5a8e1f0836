package org.aerolux.segmentation;

import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.Georeference;

/** The {@link PixelAreas} of a grid. */
public final class Areas {
    private Areas() {}

    /**
     * Pixel areas in m² for a georeference: the absolute determinant of the grid-to-CRS transform for projected
     * CRSs (CRS units taken as metres); unknown without a CRS or transform, and (until the geodesic area model is
     * wired in) for geographic CRSs.
     */
    public static PixelAreas of(Georeference g) {
        if (g.crs().isEmpty() || g.transform().isEmpty() || g.crs().get().geographic()) return PixelAreas.UNKNOWN;
        Affine a = g.transform().get();
        double area = a.pixelArea();
        return new PixelAreas() {
            @Override
            public double pixelAreaM2(long col, long row) { return area; }

            @Override
            public boolean isUniform() { return true; }
        };
    }
}
