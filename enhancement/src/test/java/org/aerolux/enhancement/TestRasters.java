package org.aerolux.enhancement;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.view.Views;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;
import org.aerolux.core.testing.GdalInfo;

/** Small GeoTIFFs for tests, and the gdalinfo comparison of georeferencing. */
final class TestRasters {
    private TestRasters() {}

    /** A UTM 33N grid with 2 m pixels. */
    static final Georeference UTM = Georeference.of(Rasters.crs(32633), new Affine(500000, 2, 0, 4000000, 0, -2));

    /** Writes planar samples [band][y * w + x] as a GeoTIFF of the given type, georeferenced, with optional nodata. */
    static Path geotiff(Path file, int w, int h, DataType type, Double nodata, double[][] bands) {
        GeoTiffSink.Builder b = GeoTiffSink.builder(file, w, h, bands.length, type).georeference(UTM).rgb(bands.length >= 3);
        if (nodata != null) b.nodata(nodata);
        double[] flat = new double[w * h * bands.length];
        for (int k = 0; k < bands.length; k++) System.arraycopy(bands[k], 0, flat, k * w * h, w * h);
        try (GeoTiffSink sink = b.build()) {
            sink.write(Views.translate(ArrayImgs.doubles(flat, w, h, bands.length), 0, 0, 0));
            sink.commit();
        }
        return file;
    }

    /** Asserts that GDAL sees the same size, band count, CRS, geotransform and nodata in both files. */
    static void assertSameGeoreferencing(Path in, Path out) {
        GdalInfo a = GdalInfo.of(in), b = GdalInfo.of(out);
        assertEquals(a.width(), b.width(), "width");
        assertEquals(a.height(), b.height(), "height");
        assertEquals(a.bandCount(), b.bandCount(), "bands");
        assertArrayEquals(a.geoTransform(), b.geoTransform(), 0.0, "geotransform");
        assertEquals(a.epsg(), b.epsg(), "EPSG");
        assertEquals(a.wkt(), b.wkt(), "CRS WKT");
        for (int k = 1; k <= a.bandCount(); k++) {
            assertEquals(a.bandType(k), b.bandType(k), "type of band " + k);
            assertEquals(a.noData(k), b.noData(k), "nodata of band " + k);
        }
    }
}
