package org.aerolux.core.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.geotools.referencing.GeodeticCalculator;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.junit.jupiter.api.Test;

/**
 * The GSD of grids: projected pixel sizes in metres (feet converted), rotated grids by the length of the pixel
 * steps, and geographic grids at the scene centre checked against GeoTools' geodetic calculator (the geodesic
 * distance of one pixel step on WGS 84, an independent computation).
 */
class GroundResolutionTest {

    @Test
    void projectedNorthUpAndRotated() {
        GroundResolution g = GroundResolution.of(Georeference.of(Rasters.crs(32633), new Affine(500000, 0.5, 0, 4e6, 0, -0.5)), 100, 100);
        assertEquals(0.5, g.x(), 1e-12);
        assertEquals(0.5, g.y(), 1e-12);
        double a = Math.toRadians(30);
        Affine rot = new Affine(500000, 0.3 * Math.cos(a), 0.6 * Math.sin(a), 4e6, 0.3 * Math.sin(a), -0.6 * Math.cos(a));
        GroundResolution r = GroundResolution.of(Georeference.of(Rasters.crs(32633), rot), 100, 100);
        assertEquals(0.3, r.x(), 1e-12);
        assertEquals(0.6, r.y(), 1e-12);
        assertEquals(Math.sqrt(0.18), r.mean(), 1e-12);
    }

    @Test
    void feetAreConverted() {
        GroundResolution g = GroundResolution.of(Georeference.of(Rasters.crs(2263), new Affine(1e6, 1, 0, 2e5, 0, -1)), 10, 10);
        assertEquals(1200.0 / 3937, g.x(), 1e-12); // US survey foot
    }

    @Test
    void geographicAtTheSceneCentreMatchesGeodesics() {
        for (double lat : new double[] {0.5, 48.2, -61.0}) {
            double d = 0.3 / 111_000; // about 0.3 m in degrees of latitude
            int w = 2000, h = 1000;
            double north = lat + h / 2.0 * d;
            Affine t = new Affine(16.0, d, 0, north, 0, -d);
            GroundResolution g = GroundResolution.of(Georeference.of(Rasters.crs(4326), t), w, h);
            GeodeticCalculator c = new GeodeticCalculator(DefaultGeographicCRS.WGS84);
            double lon = 16.0 + w / 2.0 * d;
            c.setStartingGeographicPoint(lon, lat);
            c.setDestinationGeographicPoint(lon + d, lat);
            assertEquals(c.getOrthodromicDistance(), g.x(), 1e-6 * c.getOrthodromicDistance(), "east step at " + lat);
            c.setDestinationGeographicPoint(lon, lat - d);
            assertEquals(c.getOrthodromicDistance(), g.y(), 1e-4 * c.getOrthodromicDistance(), "north step at " + lat);
        }
    }

    @Test
    void unknownWithoutCrsOrTransform() {
        assertFalse(GroundResolution.of(Georeference.NONE, 10, 10).isKnown());
        GroundResolution noCrs = GroundResolution.of(new Georeference(java.util.Optional.empty(),
                java.util.Optional.of(new Affine(0, 1, 0, 0, 0, -1))), 10, 10);
        assertFalse(noCrs.isKnown());
        assertTrue(noCrs.from().contains("no CRS"), noCrs.from());
        assertTrue(GroundResolution.given(0.1, "x").isKnown());
    }
}
