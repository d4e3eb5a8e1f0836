package org.aerolux.core.raster;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import org.aerolux.core.BadInputException;
import org.aerolux.core.ExitCode;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.GdalInfo;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the real Landsat subscene, checked against the facts of shared/data/README.md and against GDAL. */
class GeoTiffSourceTest {
    @TempDir
    Path tmp;

    @Test
    void landsatMetadataMatchesTheDocumentedFacts() {
        try (GeoTiffSource src = GeoTiffSource.open(SharedData.landsat())) {
            RasterInfo info = src.info();
            assertEquals(349, info.width());
            assertEquals(352, info.height());
            assertEquals(6, info.bandCount());
            assertEquals(DataType.UINT8, info.dataType());
            CrsInfo crs = info.georeference().crs().orElseThrow();
            assertEquals(31985, crs.epsg().orElseThrow());
            assertEquals("EPSG:31985", crs.label());
            assertTrue(crs.wkt().contains("SIRGAS 2000 / UTM zone 25S"), crs.wkt());
            assertFalse(crs.geographic());
            Affine a = info.georeference().transform().orElseThrow();
            assertEquals(288776.25, a.originX(), 1e-3);
            assertEquals(9120760.75, a.originY(), 1e-3);
            assertEquals(28.5, a.pixelWidth(), 1e-6);
            assertEquals(-28.5, a.pixelHeight(), 1e-6);
            assertFalse(a.isRotated());
            assertArrayEquals(GdalInfo.of(SharedData.landsat()).geoTransform(), a.toGdal(), 0.0,
                    "the affine is exactly the one gdalinfo reports");
            for (int b = 0; b < 6; b++) {
                assertTrue(info.nodata().get(b).isEmpty());
                assertEquals("", info.bandDescriptions().get(b));
            }
            assertFalse(src.isTiled());
            assertEquals(349, src.blockWidth());
            assertEquals(3, src.blockHeight());
        }
    }

    @Test
    void windowsOfChosenBandsMatchGdalAndSitAtTheirCoordinates() {
        double[][] gdal = Gdal.pixels(SharedData.landsat(), "-srcwin", "100", "200", "37", "11", "-b", "6", "-b", "1", "-b", "6");
        try (GeoTiffSource src = GeoTiffSource.open(SharedData.landsat())) {
            RandomAccessibleInterval<FloatType> w = src.read(new FinalInterval(new long[] {100, 200}, new long[] {136, 210}), 5, 0, 5);
            assertArrayEquals(new long[] {100, 200, 0}, w.minAsLongArray());
            assertArrayEquals(new long[] {136, 210, 2}, w.maxAsLongArray());
            RandomAccess<FloatType> ra = w.randomAccess();
            for (int b = 0; b < 3; b++)
                for (int y = 0; y < 11; y++)
                    for (int x = 0; x < 37; x++) {
                        ra.setPosition(new long[] {100 + x, 200 + y, b});
                        assertEquals(gdal[b][y * 37 + x], ra.get().get(), 0.0, "band " + b + " at " + x + "," + y);
                    }
        }
    }

    @Test
    void wholeImageMatchesGdalPixelForPixel() {
        double[][] gdal = Gdal.pixels(SharedData.landsat());
        try (GeoTiffSource src = GeoTiffSource.open(SharedData.landsat())) {
            var all = src.read(new FinalInterval(349, 352));
            var c = all.localizingCursor();
            while (c.hasNext()) {
                float v = c.next().get();
                int x = c.getIntPosition(0), y = c.getIntPosition(1), b = c.getIntPosition(2);
                assertEquals(gdal[b][y * 349 + x], v, 0.0);
            }
        }
    }

    /**
     * Regression: 8-bit LZW with the horizontal predictor in strips of several rows read wrong (mean error over 100
     * grey levels) whenever a window covered whole strips across the full width, because imageio-ext undid the
     * predictor at the wrong offset. Whole image, full-width bands of strips, and windows inside strips.
     */
    @Test
    void lzwWithHorizontalPredictorInStripsMatchesGdal() {
        Path lzw = tmp.resolve("lzw-p2.tif");
        Gdal.translate(SharedData.landsat(), lzw, "-b", "3", "-b", "2", "-b", "1", "-co", "COMPRESS=LZW",
                "-co", "PREDICTOR=2", "-co", "BLOCKYSIZE=8");
        double[][] gdal = Gdal.pixels(lzw);
        long[][] windows = {{0, 0, 349, 352}, {0, 0, 349, 17}, {0, 8, 349, 64}, {0, 3, 349, 20}, {5, 3, 50, 10}, {300, 340, 49, 12}};
        try (GeoTiffSource src = GeoTiffSource.open(lzw)) {
            assertEquals("LZW", src.compression());
            for (long[] w : windows) {
                var img = src.read(new FinalInterval(new long[] {w[0], w[1]}, new long[] {w[0] + w[2] - 1, w[1] + w[3] - 1}));
                var c = img.localizingCursor();
                while (c.hasNext()) {
                    float v = c.next().get();
                    int x = c.getIntPosition(0), y = c.getIntPosition(1), b = c.getIntPosition(2);
                    if (gdal[b][y * 349 + x] != v)
                        fail("window " + java.util.Arrays.toString(w) + ": band " + b + " at " + x + "," + y + " is " + v
                                + ", GDAL reads " + gdal[b][y * 349 + x]);
                }
            }
        }
    }

    /**
     * Regression: band-interleaved files with exactly 3 tile offsets or 9 strip offsets were decoded as
     * pixel-interleaved (imageio-ext guesses the planar configuration from the offset count before it knows the
     * image size).
     */
    @Test
    void bandInterleavedFilesWithThreeTilesOrNineStripsMatchGdal() {
        Path oneTile = tmp.resolve("one-tile-per-band.tif"), nineStrips = tmp.resolve("nine-strips.tif");
        Gdal.translate(SharedData.landsat(), oneTile, "-b", "1", "-b", "2", "-b", "3", "-co", "INTERLEAVE=BAND",
                "-co", "TILED=YES", "-co", "BLOCKXSIZE=512", "-co", "BLOCKYSIZE=512");
        Gdal.translate(SharedData.landsat(), nineStrips, "-b", "1", "-b", "2", "-b", "3", "-co", "INTERLEAVE=BAND",
                "-co", "BLOCKYSIZE=120");
        for (Path f : List.of(oneTile, nineStrips)) {
            double[][] gdal = Gdal.pixels(f);
            try (GeoTiffSource src = GeoTiffSource.open(f)) {
                var c = src.read(new FinalInterval(349, 352)).localizingCursor();
                while (c.hasNext()) {
                    float v = c.next().get();
                    int x = c.getIntPosition(0), y = c.getIntPosition(1), b = c.getIntPosition(2);
                    if (gdal[b][y * 349 + x] != v)
                        fail(f.getFileName() + ": band " + b + " at " + x + "," + y + " is " + v + ", GDAL reads " + gdal[b][y * 349 + x]);
                }
            }
        }
    }

    /**
     * Regression: pixel-interleaved JPEG with 4 components (RGBA, or 4 grey bands) came back inverted as CMYK, and
     * with 2 components failed ("Unsupported Image Type"); GDAL (libjpeg) returns the samples as stored.
     */
    @Test
    void jpegWithTwoOrFourComponentsMatchesGdal() {
        Path two = tmp.resolve("jpeg2.tif"), rgba = tmp.resolve("jpeg-rgba.tif");
        Gdal.translate(SharedData.landsat(), two, "-b", "4", "-b", "5", "-co", "COMPRESS=JPEG", "-co", "TILED=YES");
        Gdal.translate(SharedData.landsat(), rgba, "-b", "3", "-b", "2", "-b", "1", "-b", "4", "-co", "COMPRESS=JPEG",
                "-co", "PHOTOMETRIC=RGB", "-co", "ALPHA=YES", "-co", "BLOCKYSIZE=16");
        for (Path f : List.of(two, rgba)) {
            double[][] gdal = Gdal.pixels(f);
            try (GeoTiffSource src = GeoTiffSource.open(f)) {
                var c = src.read(new FinalInterval(new long[] {3, 5}, new long[] {348, 351})).localizingCursor();
                while (c.hasNext()) {
                    float v = c.next().get();
                    int x = c.getIntPosition(0), y = c.getIntPosition(1), b = c.getIntPosition(2);
                    if (Math.abs(gdal[b][y * 349 + x] - v) > 1)
                        fail(f.getFileName() + ": band " + b + " at " + x + "," + y + " is " + v + ", GDAL reads " + gdal[b][y * 349 + x]);
                }
            }
        }
    }

    /** ZSTD (with and without a predictor) and the floating-point predictor, which were refused, read as GDAL reads them. */
    @Test
    void zstdAndTheFloatingPointPredictorMatchGdal() {
        String[][] variants = {
                {"-ot", "Float32", "-scale", "0", "255", "-1000.5", "3000.25", "-co", "COMPRESS=ZSTD", "-co", "PREDICTOR=3"},
                {"-ot", "Float64", "-scale", "0", "255", "-1e6", "1e6", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=3", "-co", "TILED=YES"},
                {"-ot", "Float32", "-co", "COMPRESS=LZW", "-co", "PREDICTOR=3", "-co", "INTERLEAVE=BAND"},
                {"-ot", "UInt16", "-scale", "0", "255", "0", "65535", "-co", "COMPRESS=ZSTD", "-co", "PREDICTOR=2"},
                {"-co", "COMPRESS=ZSTD", "-co", "ZSTD_LEVEL=19"}};
        for (int i = 0; i < variants.length; i++) {
            Path f = tmp.resolve("variant" + i + ".tif");
            Gdal.translate(SharedData.landsat(), f, variants[i]);
            double[][] gdal = Gdal.pixels(f);
            try (GeoTiffSource src = GeoTiffSource.open(f)) {
                var c = src.readNative(new FinalInterval(new long[] {0, 1}, new long[] {348, 350})).localizingCursor();
                while (c.hasNext()) {
                    double v = c.next().getRealDouble();
                    int x = c.getIntPosition(0), y = c.getIntPosition(1), b = c.getIntPosition(2);
                    if (gdal[b][y * 349 + x] != v)
                        fail(String.join(" ", variants[i]) + ": band " + b + " at " + x + "," + y + " is " + v + ", GDAL reads " + gdal[b][y * 349 + x]);
                }
            }
        }
    }

    /** Files GDAL writes with SPARSE_OK=TRUE leave empty blocks out; GDAL reads them as the nodata value, else 0. */
    @Test
    void sparseFilesReadAsGdalReadsThem() {
        String make = """
                import sys
                import numpy as np
                from osgeo import gdal
                gdal.UseExceptions()
                path, kind, compress, nodata = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
                types = {'Byte': gdal.GDT_Byte, 'Int16': gdal.GDT_Int16, 'UInt32': gdal.GDT_UInt32, 'Float32': gdal.GDT_Float32}
                ds = gdal.GetDriverByName('GTiff').Create(path, 300, 200, 2, types[kind],
                        ['TILED=YES', 'BLOCKXSIZE=64', 'BLOCKYSIZE=64', 'SPARSE_OK=TRUE', 'COMPRESS=' + compress])
                if nodata != 'none':
                    for b in (1, 2): ds.GetRasterBand(b).SetNoDataValue(float(nodata))
                ds.GetRasterBand(1).WriteArray(np.arange(70 * 50).reshape(50, 70) % 200 + 1, 100, 70)
                ds = None
                ds = gdal.Open(path)  # kept in a variable: a band outlives no dataset
                print(repr(ds.GetRasterBand(1).GetNoDataValue()))
                """;
        String[][] variants = {{"Byte", "LZW", "none"}, {"Byte", "NONE", "-1"}, {"Int16", "DEFLATE", "40000"},
                {"UInt32", "ZSTD", "4000000000"}, {"Float32", "LZW", "nan"}, {"Float32", "NONE", "0.1"}};
        for (String[] v : variants) {
            Path f = tmp.resolve("sparse-" + String.join("-", v) + ".tif");
            String nd = Gdal.python(make, f.toString(), v[0], v[1], v[2]).strip();
            double[][] gdal = Gdal.pixels(f);
            try (GeoTiffSource src = GeoTiffSource.open(f)) {
                if (nd.equals("None")) assertTrue(src.info().nodata().get(0).isEmpty());
                else assertEquals(0, Double.compare(nd.equals("nan") ? Double.NaN : Double.parseDouble(nd), src.info().nodata().get(0).orElseThrow()),
                        String.join(" ", v) + ": nodata as GDAL reports it, " + nd);
                var c = src.readNative(new FinalInterval(300, 200)).localizingCursor();
                while (c.hasNext()) {
                    double got = c.next().getRealDouble();
                    int x = c.getIntPosition(0), y = c.getIntPosition(1), b = c.getIntPosition(2);
                    double want = gdal[b][y * 300 + x];
                    if (!(got == want || Double.isNaN(got) && Double.isNaN(want)))
                        fail(String.join(" ", v) + ": band " + b + " at " + x + "," + y + " is " + got + ", GDAL reads " + want);
                }
            }
        }
    }

    /** MINISWHITE samples are the stored values, as GDAL reads them (imageio-ext inverted them). */
    @Test
    void minIsWhiteReadsTheStoredValues() {
        Path gray = tmp.resolve("miniswhite.tif"), floats = tmp.resolve("miniswhite-float.tif");
        Gdal.translate(SharedData.landsat(), gray, "-b", "1", "-co", "PHOTOMETRIC=MINISWHITE", "-co", "COMPRESS=LZW", "-co", "PREDICTOR=2");
        Gdal.translate(SharedData.landsat(), floats, "-b", "2", "-ot", "Float32", "-co", "PHOTOMETRIC=MINISWHITE");
        for (Path f : List.of(gray, floats)) {
            double[][] gdal = Gdal.pixels(f);
            try (GeoTiffSource src = GeoTiffSource.open(f)) {
                var c = src.read(new FinalInterval(349, 352)).localizingCursor();
                while (c.hasNext()) {
                    float v = c.next().get();
                    int x = c.getIntPosition(0), y = c.getIntPosition(1);
                    if (gdal[0][y * 349 + x] != v) fail(f.getFileName() + " at " + x + "," + y + " is " + v + ", GDAL reads " + gdal[0][y * 349 + x]);
                }
            }
        }
    }

    /** CMYK, which GDAL converts to RGBA when it reads it, is refused in one line rather than read differently. */
    @Test
    void cmykIsRefusedClearly() {
        Path cmyk = tmp.resolve("cmyk.tif");
        Gdal.translate(SharedData.landsat(), cmyk, "-b", "1", "-b", "2", "-b", "3", "-b", "4", "-co", "PHOTOMETRIC=CMYK");
        assertBad(cmyk, "unsupported TIFF photometric interpretation CMYK");
    }

    @Test
    void pixelToLonLatAgreesWithGdal() {
        double[] gdalUl = GdalInfo.of(SharedData.landsat()).wgs84UpperLeft();
        try (GeoTiffSource src = GeoTiffSource.open(SharedData.landsat())) {
            LonLatTransform t = Rasters.pixelToLonLat(src.info().georeference());
            double[] ll = t.apply(0, 0);
            assertEquals(gdalUl[0], ll[0], 1e-6, "longitude");
            assertEquals(gdalUl[1], ll[1], 1e-6, "latitude");
            assertTrue(ll[0] < -34.9 && ll[0] > -35 && ll[1] < -7.9 && ll[1] > -8, "Olinda, Brazil");
            double[] out = new double[4];
            t.apply(new double[] {0, 0, 349, 352}, out, 2);
            assertEquals(ll[0], out[0], 0.0);
            assertTrue(out[2] > out[0] && out[3] < out[1], "east and south of the upper-left corner");
        }
    }

    @Test
    void pixelIsPointFilesAreReportedWithCornersAsGdalDoes() throws Exception {
        Path point = tmp.resolve("point.tif");
        Gdal.translate(SharedData.landsat(), point, "-mo", "AREA_OR_POINT=Point");
        GdalInfo gi = GdalInfo.of(point);
        assertEquals("Point", gi.metadata("", "AREA_OR_POINT"));
        try (GeoTiffSource src = GeoTiffSource.open(point)) {
            assertArrayEquals(gi.geoTransform(), src.info().georeference().transform().orElseThrow().toGdal(), 1e-9);
        }
    }

    @Test
    void windowOutsideTheImageIsABadInputNamingTheFile() {
        try (GeoTiffSource src = GeoTiffSource.open(SharedData.landsat())) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> src.read(new FinalInterval(new long[] {340, 0}, new long[] {360, 10})));
            assertEquals(ExitCode.BAD_INPUT, e.exitCode());
            assertTrue(e.getMessage().contains("L7_ETMs.tif"), e.getMessage());
            assertTrue(e.getMessage().contains("outside the image (349 x 352 pixels)"), e.getMessage());
            BadInputException band = assertThrows(BadInputException.class,
                    () -> src.read(new FinalInterval(new long[] {0, 0}, new long[] {9, 9}), 6));
            assertTrue(band.getMessage().contains("band 7 requested, the image has 6 bands"), band.getMessage());
        }
    }

    @Test
    void emptyFile() throws Exception {
        Path f = Files.createFile(tmp.resolve("empty.tif"));
        assertBad(f, "empty file (0 bytes)");
    }

    @Test
    void notATiff() throws Exception {
        Path txt = Files.writeString(tmp.resolve("notes.tif"), "this is not an image\n");
        assertBad(txt, "not a TIFF file");
        assertBad(SharedData.natural("astronaut.png"), "not a TIFF file");
        assertBad(tmp.resolve("missing.tif"), "file not found");
        assertBad(tmp, "is a folder, not a file");
    }

    @Test
    void truncatedFiles() throws Exception {
        byte[] all = Files.readAllBytes(SharedData.landsat());
        Path half = tmp.resolve("half.tif");
        Files.write(half, java.util.Arrays.copyOf(all, all.length / 2));
        assertBad(half, "truncated");
        Path header = tmp.resolve("header.tif");
        Files.write(header, java.util.Arrays.copyOf(all, 6));
        assertBad(header, "truncated");
    }

    static void assertBad(Path file, String problem) {
        BadInputException e = assertThrows(BadInputException.class, () -> GeoTiffSource.open(file).close());
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), "names the problem '" + problem + "': " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }
}
