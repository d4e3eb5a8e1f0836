package org.aerolux.core.raster;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Units and ellipsoids of CRSs, against the EPSG definitions. */
class CrsMeasuresTest {
    @Test
    void utmIsInMetresOnWgs84() {
        CrsMeasures m = Rasters.measures(Rasters.crs(32633));
        assertFalse(m.geographic());
        assertEquals(1.0, m.metresPerUnit(), 0.0);
        assertTrue(Double.isNaN(m.degreesPerUnit()));
        assertEquals(6378137.0, m.semiMajorAxis(), 0.0);
        assertEquals(298.257223563, m.inverseFlattening(), 1e-9);
    }

    @Test
    void statePlaneInUsSurveyFeet() {
        CrsMeasures m = Rasters.measures(Rasters.crs(2263)); // NAD83 / New York Long Island (ftUS)
        assertFalse(m.geographic());
        assertEquals(1200.0 / 3937.0, m.metresPerUnit(), 1e-15, "US survey foot");
        assertEquals(298.257222101, m.inverseFlattening(), 1e-9, "GRS 1980");
    }

    @Test
    void internationalFeet() {
        // unit sizes as gdalsrsinfo prints them: EPSG:2222 "foot" 0.3048, EPSG:2232 "US survey foot"
        CrsMeasures intl = Rasters.measures(Rasters.crs(2222)); // NAD83 / Arizona East (ft)
        assertEquals(0.3048, intl.metresPerUnit(), 1e-15, "international foot");
        CrsMeasures us = Rasters.measures(Rasters.crs(2232)); // NAD83 / Colorado Central (ftUS)
        assertEquals(1200.0 / 3937.0, us.metresPerUnit(), 1e-15);
    }

    @Test
    void geographicCrsInDegreesWithItsOwnEllipsoid() {
        CrsMeasures wgs = Rasters.measures(Rasters.crs(4326));
        assertTrue(wgs.geographic());
        assertEquals(1.0, wgs.degreesPerUnit(), 1e-15);
        assertTrue(Double.isNaN(wgs.metresPerUnit()));
        assertFalse(wgs.latitudeFirst(), "EPSG codes are decoded longitude first, as GeoTIFF stores them");
        CrsMeasures nad27 = Rasters.measures(Rasters.crs(4267));
        assertEquals(6378206.4, nad27.semiMajorAxis(), 1e-6, "Clarke 1866");
        assertEquals(294.9786982, nad27.inverseFlattening(), 1e-6);
    }

    @Test
    void latitudeFirstWktAndGradians() {
        String wkt = "GEOGCS[\"NTF (Paris) grads\", DATUM[\"NTF\", SPHEROID[\"Clarke 1880 (IGN)\",6378249.2,293.4660212936269]],"
                + " PRIMEM[\"Paris\",2.33722917], UNIT[\"grad\",0.01570796326794897],"
                + " AXIS[\"Lat\",NORTH], AXIS[\"Lon\",EAST]]";
        CrsMeasures m = Rasters.measures(Rasters.crsFromWkt(wkt));
        assertTrue(m.geographic());
        assertTrue(m.latitudeFirst());
        assertEquals(0.9, m.degreesPerUnit(), 1e-12, "one grad is 0.9 degrees");
        assertEquals(6378249.2, m.semiMajorAxis(), 1e-6);
    }
}
