package org.aerolux.segmentation.area;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import java.util.Random;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;
import org.junit.jupiter.api.Test;

/** Pixel areas against hand values, CRS unit definitions and direct GeographicLib / closed-form computations. */
class PixelAreaModelTest {

    /** GeographicLib's geodesic area of a pixel given by its four corners in (lon, lat) degrees. */
    private static double geodesicQuad(Geodesic g, double[] lonLat) {
        PolygonArea p = new PolygonArea(g, false);
        for (int i = 0; i < 4; i++) p.AddPoint(lonLat[2 * i + 1], lonLat[2 * i]);
        return Math.abs(p.Compute().area);
    }

    private static double[] corners(Affine a, int col, int row) {
        return new double[] {a.x(col, row), a.y(col, row), a.x(col + 1, row), a.y(col + 1, row),
                a.x(col + 1, row + 1), a.y(col + 1, row + 1), a.x(col, row + 1), a.y(col, row + 1)};
    }

    @Test
    void utmPixelsAreTheirSquareMetres() {
        PixelAreaModel m = PixelAreaModel.of(Georeference.of(Rasters.crs(32633), new Affine(500000, 30, 0, 4e6, 0, -30)));
        assertTrue(m.isUniform());
        assertTrue(m.isKnown());
        assertEquals(900.0, m.pixelAreaM2(0, 0), 0.0);
        assertEquals(900.0, m.pixelAreaM2(12345, 678), 0.0);
        assertEquals(7 * 900.0, m.runAreaM2(3, 10, 5), 0.0);
        assertTrue(m.description().contains("EPSG:32633"), m.description());
    }

    @Test
    void rotatedProjectedGridUsesTheDeterminant() {
        Affine rot = new Affine(500000, 8.66, 5.0, 4100000, 5.0, -8.66);
        PixelAreaModel m = PixelAreaModel.of(Georeference.of(Rasters.crs(32633), rot));
        assertEquals(8.66 * 8.66 + 25.0, m.pixelAreaM2(4, 9), 1e-12);
        assertTrue(m.isUniform());
    }

    @Test
    void usSurveyFeetBecomeSquareMetres() {
        PixelAreaModel m = PixelAreaModel.of(Georeference.of(Rasters.crs(2263), new Affine(980000, 2, 0, 200000, 0, -2)));
        double ft = 1200.0 / 3937.0; // the US survey foot in metres
        assertEquals(4 * ft * ft, m.pixelAreaM2(0, 0), 1e-15);
        PixelAreaModel intl = PixelAreaModel.of(Georeference.of(Rasters.crs(2222), new Affine(0, 1, 0, 0, 0, -1)));
        assertEquals(0.3048 * 0.3048, intl.pixelAreaM2(0, 0), 1e-15, "international foot");
    }

    @Test
    void withoutCrsOrTransformTheAreaIsUnknown() {
        PixelAreaModel none = PixelAreaModel.of(Georeference.NONE);
        assertTrue(Double.isNaN(none.pixelAreaM2(0, 0)));
        assertFalse(none.isKnown());
        assertTrue(none.description().contains("no CRS"), none.description());
        PixelAreaModel noGrid = PixelAreaModel.of(new Georeference(Optional.of(Rasters.crs(32633)), Optional.empty()));
        assertTrue(Double.isNaN(noGrid.pixelAreaM2(3, 3)));
        assertTrue(noGrid.description().contains("transform"), noGrid.description());
    }

    @Test
    void oneDegreeCellOnTheEquator() {
        // rows: latitude 1..0 is row 0
        PixelAreaModel m = PixelAreaModel.of(Georeference.of(Rasters.crs(4326), new Affine(0, 1, 0, 1, 0, -1)));
        assertFalse(m.isUniform());
        assertTrue(m.isUniformAlongRows());
        // GeographicLib's value for the geodesic quadrilateral (0,0) (1,0) (1,1) (0,1) on WGS 84
        assertEquals(12308778361.469, m.pixelAreaM2(0, 0), 1e-2);
        assertEquals(m.pixelAreaM2(0, 0), m.pixelAreaM2(100, 0), 1e-3, "the same along the row");
        // the exact area between the parallels 0 and 1 degree (authalic formula) differs by 2.6e-5 for 1-degree
        // edges (geodesics versus parallels); for real pixel sizes the difference vanishes (next test)
        assertEquals(12308463893.975, zone(0, 1, 1), 1e-2);
        assertEquals(2.555e-5, (m.pixelAreaM2(0, 0) - zone(0, 1, 1)) / zone(0, 1, 1), 1e-8);
    }

    /**
     * Exact ellipsoidal area between latitudes lat1, lat2 over dLon degrees: (b^2/2)(q(lat2) - q(lat1)) dLon, with the
     * authalic function q (Snyder 1987, eq. 3-12), independent of GeographicLib.
     */
    static double zone(double lat1, double lat2, double dLon) {
        double a = 6378137, f = 1 / 298.257223563, e2 = f * (2 - f), e = Math.sqrt(e2), b = a * (1 - f);
        java.util.function.DoubleUnaryOperator q = lat -> {
            double s = Math.sin(Math.toRadians(lat));
            return s / (1 - e2 * s * s) - Math.log((1 - e * s) / (1 + e * s)) / (2 * e);
        };
        return b * b / 2 * Math.abs(q.applyAsDouble(lat2) - q.applyAsDouble(lat1)) * Math.toRadians(dLon);
    }

    @Test
    void northUpGeographicRowsMatchGeographicLibAndTheZoneFormula() {
        Affine grid = new Affine(-3.2, 0.0003, 0, 58.7, 0, -0.0003);
        PixelAreaModel m = PixelAreaModel.of(Georeference.of(Rasters.crs(4326), grid));
        Random rnd = new Random(1);
        for (int i = 0; i < 200; i++) {
            int col = rnd.nextInt(20000), row = rnd.nextInt(20000);
            double got = m.pixelAreaM2(col, row);
            assertEquals(geodesicQuad(Geodesic.WGS84, corners(grid, col, row)), got, 1e-9 * got);
            double lat2 = grid.y(0, row), lat1 = grid.y(0, row + 1);
            assertEquals(zone(lat1, lat2, 0.0003), got, 1e-8 * got);
        }
        assertTrue(m.pixelAreaM2(0, 0) < m.pixelAreaM2(0, 19999), "pixels grow southwards");
        assertEquals(5 * m.pixelAreaM2(0, 77), m.runAreaM2(10, 15, 77), 1e-9);
    }

    @Test
    void rotatedGeographicGridIsPerPixel() {
        double c = Math.cos(Math.toRadians(20)), s = Math.sin(Math.toRadians(20));
        double px = 0.002;
        Affine rot = new Affine(10, px * c, px * s, 45, px * s, -px * c);
        PixelAreaModel m = PixelAreaModel.of(Georeference.of(Rasters.crs(4326), rot));
        assertFalse(m.isUniformAlongRows());
        Random rnd = new Random(2);
        for (int i = 0; i < 300; i++) {
            int col = rnd.nextInt(3000) - 500, row = rnd.nextInt(3000) - 500;
            double got = m.pixelAreaM2(col, row);
            double want = geodesicQuad(Geodesic.WGS84, corners(rot, col, row));
            assertEquals(want, got, 1e-9 * want, "pixel (" + col + ", " + row + ")");
        }
        assertNotEquals(m.pixelAreaM2(0, 0), m.pixelAreaM2(1000, 0), "latitude changes along a rotated row");
        double run = m.runAreaM2(5, 25, 40), sum = 0;
        for (int x = 5; x < 25; x++) sum += m.pixelAreaM2(x, 40);
        assertEquals(sum, run, 1e-9 * sum);
    }

    @Test
    void geographicCrsUsesItsOwnEllipsoid() {
        Affine grid = new Affine(-100, 0.01, 0, 40, 0, -0.01);
        PixelAreaModel nad27 = PixelAreaModel.of(Georeference.of(Rasters.crs(4267), grid)); // Clarke 1866
        Geodesic clarke = new Geodesic(6378206.4, 1 / 294.9786982138982);
        double want = geodesicQuad(clarke, corners(grid, 3, 7));
        assertEquals(want, nad27.pixelAreaM2(3, 7), 1e-9 * want);
        double wgs = geodesicQuad(Geodesic.WGS84, corners(grid, 3, 7));
        assertTrue(Math.abs(wgs - want) > 1e-6 * want, "the ellipsoid matters at this precision");
        assertTrue(nad27.description().contains("6378206.4"), nad27.description());
    }

    @Test
    void latitudeFirstAxesAreRead() {
        // a CRS that matches no EPSG code keeps its latitude-first axes (EPSG ones are decoded longitude first)
        String wkt = "GEOGCS[\"Test lat-lon\", DATUM[\"Test datum\", SPHEROID[\"Test\",6378000,300], TOWGS84[0,0,0,0,0,0,0]],"
                + " PRIMEM[\"Greenwich\",0], UNIT[\"degree\",0.0174532925199433], AXIS[\"Lat\",NORTH], AXIS[\"Lon\",EAST]]";
        // grid x is latitude here: columns go north, rows go east
        Affine grid = new Affine(0, 1, 0, 0, 0, 1);
        PixelAreaModel m = PixelAreaModel.of(Georeference.of(Rasters.crsFromWkt(wkt), grid));
        double want = geodesicQuad(new Geodesic(6378000, 1 / 300.0), new double[] {0, 0, 1, 0, 1, 1, 0, 1});
        assertEquals(want, m.pixelAreaM2(0, 0), 1e-9 * want, "cell lat 0..1, lon 0..1 on the CRS's own ellipsoid");
        assertEquals(m.pixelAreaM2(0, 0), m.pixelAreaM2(0, 50), 1e-3, "rows go east: same area");
        double at60 = geodesicQuad(new Geodesic(6378000, 1 / 300.0), new double[] {0, 60, 1, 60, 1, 61, 0, 61});
        assertEquals(at60, m.pixelAreaM2(60, 0), 1e-9 * at60, "column 60 is at latitude 60");
    }

    @Test
    void geodesicAreaOfRings() {
        double[] box = {0, 0, 1, 0, 1, 1, 0, 1, 0, 0};
        assertEquals(12308778361.469, GeodesicArea.ofRing(box, 5), 1e-2, "closed ring");
        assertEquals(12308778361.469, GeodesicArea.ofRing(box, 4), 1e-2, "open ring");
        double[] cw = {0, 0, 0, 1, 1, 1, 1, 0};
        assertEquals(12308778361.469, GeodesicArea.ofRing(cw, 4), 1e-2, "either winding");
    }
}
