package org.aerolux.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.aerolux.core.testing.GdalInfo;

/** gdalinfo comparisons shared by CLI tests. */
final class TestGeo {
    private TestGeo() {}

    /** Same size, bands, CRS, geotransform, band types and nodata, as GDAL reads them. */
    static void assertSameGeoreferencing(Path in, Path out) {
        GdalInfo a = GdalInfo.of(in), b = GdalInfo.of(out);
        assertEquals(a.width(), b.width());
        assertEquals(a.height(), b.height());
        assertEquals(a.bandCount(), b.bandCount());
        assertArrayEquals(a.geoTransform(), b.geoTransform(), 0.0);
        assertEquals(a.epsg(), b.epsg());
        assertEquals(a.wkt(), b.wkt());
        for (int k = 1; k <= a.bandCount(); k++) {
            assertEquals(a.bandType(k), b.bandType(k));
            assertEquals(a.noData(k), b.noData(k));
        }
    }
}
