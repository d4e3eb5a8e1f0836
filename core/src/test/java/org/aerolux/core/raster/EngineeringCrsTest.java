package org.aerolux.core.raster;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.GdalInfo;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local engineering CRSs (GDAL's ENGCRS / LOCAL_CS): read from GDAL-written files as GDAL reads them, and written
 * so that GDAL reads the output's CRS exactly as the input's (they used to be dropped: outputs had no CRS).
 */
class EngineeringCrsTest {
    @TempDir
    Path tmp;

    private static final String[][] CRSS = {
            {"Cartesian (Meter)", "ENGCRS[\"Cartesian (Meter)\",EDATUM[\"Unknown engineering datum\"],CS[Cartesian,2],"
                    + "AXIS[\"easting\",east,ORDER[1],LENGTHUNIT[\"metre\",1]],AXIS[\"northing\",north,ORDER[2],LENGTHUNIT[\"metre\",1]]]", "1.0"},
            {"Site grid", "LOCAL_CS[\"Site grid\",UNIT[\"US survey foot\",0.304800609601219,AUTHORITY[\"EPSG\",\"9003\"]]]",
                    "0.3048006096012192"},
            {"Lab bench", "LOCAL_CS[\"Lab bench\",UNIT[\"millimetre\",0.001]]", "0.001"}};

    @Test
    void gdalWrittenLocalCrssSurviveACopyAsGdalReadsThem() {
        for (String[] c : CRSS) {
            Path in = tmp.resolve(c[0].replace(' ', '_') + ".tif"), out = tmp.resolve(c[0].replace(' ', '_') + "-copy.tif");
            Gdal.translate(SharedData.landsat(), in, "-b", "1", "-a_srs", c[1], "-a_ullr", "1000", "2000", "4490", "-1520");
            GdalInfo gin = GdalInfo.of(in);
            assertTrue(gin.wkt().startsWith("ENGCRS[\"" + c[0] + "\""), gin.wkt());
            try (GeoTiffSource src = GeoTiffSource.open(in)) {
                CrsInfo crs = src.info().georeference().crs().orElseThrow(() -> new AssertionError(c[0] + ": no CRS read"));
                assertEquals(c[0], crs.label());
                assertFalse(crs.geographic());
                assertTrue(crs.wkt().startsWith("LOCAL_CS[\"" + c[0] + "\""), crs.wkt());
                CrsMeasures m = Rasters.measures(crs);
                assertEquals(Double.parseDouble(c[2]), m.metresPerUnit(), 1e-15, "metres per unit");
                assertTrue(Double.isNaN(m.semiMajorAxis()), "a local grid has no ellipsoid");
                assertThrows(IllegalArgumentException.class, () -> Rasters.pixelToLonLat(src.info().georeference()),
                        "a local grid has no longitude and latitude");
                try (GeoTiffSink sink = GeoTiffSink.builder(out, src.info()).build()) {
                    RasterCopy.copy(src, sink);
                    sink.commit();
                }
            }
            GdalInfo gout = GdalInfo.of(out);
            assertEquals(gin.wkt(), gout.wkt(), c[0] + ": GDAL reads the output's CRS as the input's");
            assertArrayEquals(gin.geoTransform(), gout.geoTransform(), 0.0);
        }
    }

    @Test
    void aLocalCrsFromWktIsWrittenAsGdalReadsIt() {
        CrsInfo crs = Rasters.crsFromWkt("LOCAL_CS[\"Hall B\", LOCAL_DATUM[\"Hall B\", 0], UNIT[\"unknown\", 0.01],"
                + " AXIS[\"Easting\", EAST], AXIS[\"Northing\", NORTH]]");
        Path out = tmp.resolve("hall.tif");
        try (GeoTiffSink sink = GeoTiffSink.builder(out, 20, 10, 1, DataType.UINT8)
                .georeference(Georeference.of(crs, new Affine(5, 0.5, 0, 100, 0, -0.5))).build()) {
            sink.write(net.imglib2.img.array.ArrayImgs.unsignedBytes(20, 10));
            sink.commit();
        }
        String wkt = GdalInfo.of(out).wkt().replaceAll("\\s+", "");
        assertTrue(wkt.startsWith("ENGCRS[\"HallB\""), wkt);
        assertTrue(wkt.contains("LENGTHUNIT[\"unknown\",0.01]"), wkt);
        try (GeoTiffSource back = GeoTiffSource.open(out)) {
            assertEquals("Hall B", back.info().georeference().crs().orElseThrow().label());
            assertEquals(0.01, Rasters.measures(back.info().georeference().crs().orElseThrow()).metresPerUnit(), 1e-15);
        }
    }
}
